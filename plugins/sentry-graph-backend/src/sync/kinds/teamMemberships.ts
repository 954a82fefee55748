import { BatchWriter } from '../../graph/BatchWriter';
import {
  adminOfRelationship,
  memberOfRelationship,
  type Link,
} from '../../graph/schema';
import { SentryTeamMemberSchema } from '../../sentry';
import type { OrganizationContext } from '../context';
import { forEachConcurrently } from '../forEachConcurrently';
import { KindTally } from '../KindTally';
import { effectiveTeamRole, orgRoleOf } from '../teamRoles';
import type { MembersOutcome } from './members';
import type { TeamRef, TeamsOutcome } from './teams';

interface Membership {
  memberOf: Link;
  adminOf?: Link;
}

/**
 * MEMBER_OF and ADMIN_OF. Sentry's members listing carries no teams, so each
 * team's member listing is read; owners and managers are then made Team
 * Admin of every team, joined or not.
 */
export async function syncTeamMemberships(
  context: OrganizationContext,
  teams: TeamsOutcome,
  members: MembersOutcome,
): Promise<KindTally> {
  const tally = new KindTally('team-memberships', context);
  const { store, scope, options } = context;
  const writer = new BatchWriter<Membership>(async batch => {
    const memberOf = batch.map(m => m.memberOf);
    const adminOf = batch.flatMap(m => (m.adminOf ? [m.adminOf] : []));
    return (
      (await store.mergeRelationships(memberOfRelationship, memberOf, scope)) +
      (await store.mergeRelationships(adminOfRelationship, adminOf, scope))
    );
  }, options.batchSize);

  // Owner and manager edges need no listing: they are written while the
  // per-team listings wait on Sentry's rate budget.
  const globalAdmins = writeGlobalTeamAdmins(context, members.globalTeamAdminIds, teams.teams).then(
    written => {
      tally.result.written += written;
    },
    error => tally.fail(error, 'writing owner and manager ADMIN_OF to Neo4j'),
  );
  await forEachConcurrently(teams.teams, options.listingConcurrency, async team => {
    if (context.signal?.aborted) return;
    try {
      await tally.consume(
        {
          path: `teams/${encodeURIComponent(context.organization.slug)}/${encodeURIComponent(team.slug)}/members/`,
          endpoint: 'team-members',
          itemSchema: SentryTeamMemberSchema,
        },
        items => writer.add(items.filter(item => !item.pending).map(item => membership(item, team))),
      );
    } catch (error) {
      tally.fail(error, `members of team ${team.slug}`);
    }
  });

  try {
    tally.result.written += await writer.close();
  } catch (error) {
    tally.fail(error, 'writing to Neo4j');
  }
  await globalAdmins;
  return tally;
}

function membership(
  item: { id: string; orgRole?: string | null; role?: string | null; teamRole?: string | null },
  team: TeamRef,
): Membership {
  const role = effectiveTeamRole(orgRoleOf(item), item.teamRole);
  const link = { from: item.id, to: team.id };
  return {
    memberOf: { ...link, role },
    adminOf: role === 'admin' ? link : undefined,
  };
}

async function writeGlobalTeamAdmins(
  context: OrganizationContext,
  adminIds: readonly string[],
  teams: readonly TeamRef[],
): Promise<number> {
  const writer = new BatchWriter<Link>(
    batch => context.store.mergeRelationships(adminOfRelationship, batch, context.scope),
    context.options.batchSize,
  );
  for (const from of adminIds) {
    await writer.add(teams.map(team => ({ from, to: team.id })));
  }
  return writer.close();
}
