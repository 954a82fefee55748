import type { OrganizationContext } from '../context';
import type { MembersOutcome } from '../kinds/members';
import type { TeamRef, TeamsOutcome } from '../kinds/teams';
import { teamsToRelist } from './teamsToRelist';

/**
 * The teams a routine run reads the member listings of (teamsToRelist),
 * once the members listing said who changed; a line in the run's
 * `skipped` names how many it left and when they are read.
 */
export async function routineTeams(
  context: OrganizationContext,
  teams: TeamsOutcome,
  membersDone: Promise<MembersOutcome>,
): Promise<TeamRef[]> {
  const routine = context.routine!;
  const members = await membersDone;
  const rotation = context.options.routineTeamRotation;
  const teamsOfChanged = new Set(
    await context.store.routine.teamsOfMembers(members.changedIds),
  );
  const { teams: relist, because } = teamsToRelist(
    teams.teams,
    routine.teams,
    teamsOfChanged,
    rotation,
  );
  const left = teams.teams.length - relist.length;
  if (left > 0) {
    context.skip(
      `member listings of ${left} of ${teams.teams.length} teams: no sign of change ` +
        `(re-read: ${because.unlisted} new, ${because.memberCount} with another member count, ` +
        `${because.changedMember} with a changed member, ${because.rotation} read longest ago); ` +
        `every team is re-read within ${rotation} routine runs`,
    );
  }
  return relist;
}
