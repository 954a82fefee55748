import { BatchWriter } from '../../graph/BatchWriter';
import {
  adminOfRelationship,
  memberOfRelationship,
  type Link,
} from '../../graph/schema';
import {
  apiPath,
  SentryTeamMemberSchema,
  type SentryTeamMember,
} from '../../sentry';
import { listingConcurrencyOf, type OrganizationContext } from '../context';
import { forEachConcurrently } from '../forEachConcurrently';
import { KindTally } from '../KindTally';
import {
  effectiveTeamRole,
  hasTeamRolesFeature,
  isGlobalTeamAdmin,
  isKnownTeamRole,
  orgRoleOf,
} from '../teamRoles';
import { globalAdminPairs } from '../routine/routineTeams';
import type { MembersOutcome } from './members';
import type { TeamRef, TeamsOutcome } from './teams';

interface Membership {
  memberOf: Link;
  adminOf?: Link;
}

/**
 * MEMBER_OF and ADMIN_OF. Sentry's members listing carries no teams, so each
 * team's member listing is read (in a routine run, those of `relist` only);
 * owners and managers are then made Team Admin of every team, joined or
 * not. The teams' listings start once the teams are written; the writes
 * wait for the members too. Each team whose listing was read and written
 * whole is stamped so (TEAM_MEMBERS_LISTED), for the routine runs after.
 */
export async function syncTeamMemberships(
  context: OrganizationContext,
  teams: TeamsOutcome,
  membersWritten: Promise<MembersOutcome>,
  relist: readonly TeamRef[] = teams.teams,
): Promise<KindTally> {
  const tally = new KindTally('team-memberships', context);
  const { store, scope, options } = context;
  const writer = new BatchWriter<Membership>(
    async batch => {
      const memberOf = batch.map(m => m.memberOf);
      const adminOf = batch.flatMap(m => (m.adminOf ? [m.adminOf] : []));
      return (
        (await store.mergeRelationships(
          memberOfRelationship,
          memberOf,
          scope,
        )) +
        (await store.mergeRelationships(adminOfRelationship, adminOf, scope))
      );
    },
    options.batchSize,
    { after: membersWritten },
  );

  // Owner and manager edges need no listing: they are written while the
  // per-team listings wait on Sentry's rate budget.
  const globalAdmins = membersWritten
    .then(async members => {
      let written = 0;
      for (const pairs of globalAdminPairs(context, members, teams.teams))
        written += await writeGlobalTeamAdmins(
          context,
          pairs.adminIds,
          pairs.teams,
        );
      return written;
    })
    .then(
      written => {
        tally.result.written += written;
      },
      error => tally.fail(error, 'writing owner and manager ADMIN_OF to Neo4j'),
    );
  const teamRolesFeature = hasTeamRolesFeature(context.organization);
  const unknownRoles = new Map<string, number>();
  const membershipOf = (item: SentryTeamMember, team: TeamRef) => {
    if (item.teamRole && !isKnownTeamRole(item.teamRole)) {
      unknownRoles.set(
        item.teamRole,
        (unknownRoles.get(item.teamRole) ?? 0) + 1,
      );
    }
    return membership(item, team, teamRolesFeature);
  };
  const listedWhole: TeamRef[] = [];
  await forEachConcurrently(
    relist,
    listingConcurrencyOf(context, 'team-members'),
    async team => {
      if (context.signal?.aborted) return;
      try {
        await tally.consume(
          {
            path: apiPath`teams/${context.organization.slug}/${team.slug}/members/`,
            endpoint: 'team-members',
            itemSchema: SentryTeamMemberSchema,
            // Sentry's count includes pending invites, which the listing shows too.
            expectedItems: team.memberCount ?? undefined,
          },
          items =>
            writer.add(
              items
                .filter(item => !item.pending)
                .map(item => membershipOf(item, team)),
            ),
        );
        listedWhole.push(team);
      } catch (error) {
        tally.fail(error, `members of team ${team.slug}`);
      }
    },
  );

  try {
    // Not `+= await`: the owner and manager writes add to the count meanwhile.
    const written = await writer.close();
    tally.result.written += written;
    await store.routine.markTeamMembersListed(listedWhole, scope);
  } catch (error) {
    tally.fail(error, 'writing to Neo4j');
  }
  await globalAdmins;
  for (const [role, count] of unknownRoles) {
    tally.warn(
      `${count} team membership(s) with the unknown team role ${JSON.stringify(role)}, counted as contributor`,
    );
  }
  return tally;
}

function membership(
  item: SentryTeamMember,
  team: TeamRef,
  teamRolesFeature: boolean,
): Membership {
  const role = effectiveTeamRole(
    orgRoleOf(item),
    item.teamRole,
    teamRolesFeature,
  );
  const link = { from: item.id, to: team.id };
  return {
    memberOf: { ...link, role },
    // Owners' and managers' ADMIN_OF edges, to every team, are written by
    // writeGlobalTeamAdmins alone: two writers of one edge could duplicate it.
    adminOf: role === 'admin' && !isGlobalTeamAdmin(item) ? link : undefined,
  };
}

/** Edges per transaction when owners and managers are linked to every team. */
const FAN_OUT_PAIRS_PER_TRANSACTION = 10_000;

async function writeGlobalTeamAdmins(
  context: OrganizationContext,
  adminIds: readonly string[],
  teams: readonly TeamRef[],
): Promise<number> {
  const teamIds = teams.map(team => team.id);
  const adminsPerTransaction = Math.max(
    1,
    Math.floor(FAN_OUT_PAIRS_PER_TRANSACTION / Math.max(1, teamIds.length)),
  );
  let written = 0;
  for (let i = 0; i < adminIds.length; i += adminsPerTransaction) {
    if (context.signal?.aborted) break;
    written += await context.store.linkFanOut(
      adminOfRelationship,
      adminIds.slice(i, i + adminsPerTransaction),
      teamIds,
      context.scope,
    );
  }
  return written;
}
