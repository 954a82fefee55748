import { userNode } from '../../graph/schema';
import { SentryMemberSchema, type SentryMember } from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { KindTally } from '../KindTally';
import { isGlobalTeamAdmin } from '../teamRoles';
import { writeListing } from './writeListing';

export interface MembersOutcome {
  tally: KindTally;
  /** Owners and managers: Team Admin of every team without joining it. */
  globalTeamAdminIds: string[];
}

export async function syncMembers(
  context: OrganizationContext,
): Promise<MembersOutcome> {
  const tally = new KindTally('members', context);
  const globalTeamAdminIds: string[] = [];
  await writeListing(
    context,
    tally,
    [
      {
        path: orgPath(context, 'members/'),
        endpoint: 'members',
        itemSchema: SentryMemberSchema,
      },
    ],
    items => context.store.mergeNodes(userNode, items, context.scope),
    {
      onItem: (member: SentryMember) => {
        if (isGlobalTeamAdmin(member)) globalTeamAdminIds.push(member.id);
      },
    },
  );
  return { tally, globalTeamAdminIds };
}
