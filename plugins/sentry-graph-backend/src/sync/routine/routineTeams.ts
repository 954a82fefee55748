import type { OrganizationContext } from '../context';
import type { MembersOutcome } from '../kinds/members';
import type { TeamRef, TeamsOutcome } from '../kinds/teams';
import type { AuditLogOutcome, AuditLogSignals } from './auditLog';
import { teamsToRelist } from './teamsToRelist';

/**
 * The teams a routine run reads the member listings of (teamsToRelist),
 * once the members listing said who changed and the audit log, where it
 * was read, named what changed; a line in the run's `skipped` names how
 * many it left and when they are read.
 */
export async function routineTeams(
  context: OrganizationContext,
  teams: TeamsOutcome,
  membersDone: Promise<MembersOutcome>,
  auditLogDone: Promise<AuditLogOutcome>,
): Promise<TeamRef[]> {
  const routine = context.routine!;
  const [members, auditLog] = await Promise.all([membersDone, auditLogDone]);
  const rotation = context.options.routineTeamRotation;
  const { teams: relist, because } = teamsToRelist(
    teams.teams,
    routine.teams,
    {
      auditLog: await teamsNamed(context, teams.teams, auditLog.signals),
      changedMember: new Set(
        await context.store.routine.teamsOfMembers(members.teamRoleChangedIds),
      ),
    },
    rotation,
  );
  const left = teams.teams.length - relist.length;
  if (left > 0) {
    const reasons = [
      `${because.unlisted} new`,
      `${because.memberCount} with another member count`,
      ...(auditLog.signals
        ? [`${because.auditLog} named by the audit log`]
        : []),
      `${because.changedMember} with a member whose team role may have changed`,
      `${because.rotation} read longest ago`,
    ];
    context.skip(
      `member listings of ${left} of ${teams.teams.length} teams: no sign of change ` +
        `(re-read: ${reasons.join(', ')}); every team is re-read within ${rotation} routine runs`,
    );
  }
  return relist;
}

/** The ids of the listed teams the audit log names, by id, by slug, or as an edited member's. */
async function teamsNamed(
  context: OrganizationContext,
  listed: readonly TeamRef[],
  signals: AuditLogSignals | undefined,
): Promise<Set<string>> {
  if (!signals) return new Set();
  const named = new Set([
    ...signals.teamIds,
    ...(await context.store.routine.teamsOfMembers([
      ...signals.editedMemberIds,
    ])),
  ]);
  for (const team of listed)
    if (signals.teamSlugs.has(team.slug)) named.add(team.id);
  return named;
}

/**
 * Which owners and managers to link to which teams (ADMIN_OF to every
 * team): all to all in a full run. A routine run links only what can be
 * new, every one to new teams and the members who changed to all, instead
 * of refreshing millions of edges that stand (2.8 million at XL); an
 * owner demoted keeps the edges until the full run removes them.
 */
export function globalAdminPairs(
  context: OrganizationContext,
  members: MembersOutcome,
  teams: readonly TeamRef[],
): Array<{ adminIds: readonly string[]; teams: readonly TeamRef[] }> {
  const routine = context.routine;
  if (!routine) return [{ adminIds: members.globalTeamAdminIds, teams }];
  const changed = new Set(members.changedIds);
  const newTeams = teams.filter(team => !routine.teams.has(team.id));
  return [
    {
      adminIds: members.globalTeamAdminIds.filter(id => changed.has(id)),
      teams,
    },
    {
      adminIds: members.globalTeamAdminIds.filter(id => !changed.has(id)),
      teams: newTeams,
    },
  ];
}
