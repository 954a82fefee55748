import type { StoredMember } from '../../graph/RoutineQueries';
import { userNode } from '../../graph/schema';
import { SentryMemberSchema, type SentryMember } from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { KindTally } from '../KindTally';
import { isGlobalTeamAdmin, minimumTeamRole, orgRoleOf } from '../teamRoles';
import { writeListing } from './writeListing';

export interface MembersOutcome {
  tally: KindTally;
  /** Owners and managers: Team Admin of every team without joining it. */
  globalTeamAdminIds: string[];
  /**
   * In a routine run: members new to the graph, or whose org role or
   * pending state differs from it (owners and managers among them are
   * linked to every team).
   */
  changedIds: string[];
  /**
   * Of those, members whose org role now grants another minimum team role:
   * their team roles may have changed, so their teams are listed again.
   */
  teamRoleChangedIds: string[];
}

export async function syncMembers(
  context: OrganizationContext,
): Promise<MembersOutcome> {
  const tally = new KindTally('members', context);
  const globalTeamAdminIds: string[] = [];
  const changedIds: string[] = [];
  const teamRoleChangedIds: string[] = [];
  const stored = context.routine?.members;
  await writeListing(
    context,
    tally,
    [
      {
        path: orgPath(context, 'members/'),
        endpoint: 'members',
        itemSchema: SentryMemberSchema,
        expectedItems: context.expectedSizes.members,
      },
    ],
    items => context.store.mergeNodes(userNode, items, context.scope),
    {
      onItem: (member: SentryMember) => {
        if (isGlobalTeamAdmin(member)) globalTeamAdminIds.push(member.id);
        const before = stored?.get(member.id);
        if (stored && changedSince(member, before)) {
          changedIds.push(member.id);
          if (
            before &&
            minimumTeamRole(before.role) !== minimumTeamRole(orgRoleOf(member))
          )
            teamRoleChangedIds.push(member.id);
        }
      },
    },
  );
  return { tally, globalTeamAdminIds, changedIds, teamRoleChangedIds };
}

function changedSince(member: SentryMember, before?: StoredMember): boolean {
  return (
    !before ||
    before.role !== orgRoleOf(member) ||
    before.pending !== (member.pending ?? undefined)
  );
}
