import { teamNode } from '../../graph/schema';
import { SentryTeamSchema } from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { KindTally } from '../KindTally';
import { writeListing } from './writeListing';

export interface TeamRef {
  id: string;
  slug: string;
  /** Sentry's count of the team's members, pending invites included. */
  memberCount?: number | null;
}

export interface TeamsOutcome {
  tally: KindTally;
  /** Every team listed this run: memberships are listed per team. */
  teams: TeamRef[];
}

export async function syncTeams(
  context: OrganizationContext,
): Promise<TeamsOutcome> {
  const tally = new KindTally('teams', context);
  const teams: TeamRef[] = [];
  await writeListing(
    context,
    tally,
    [
      {
        path: orgPath(context, 'teams/'),
        endpoint: 'teams',
        itemSchema: SentryTeamSchema,
        // The team's projects are not needed here; projects list their teams.
        query: { detailed: '0' },
        expectedItems: context.expectedSizes.teams,
      },
    ],
    items => context.store.mergeNodes(teamNode, items, context.scope),
    {
      onItem: team =>
        teams.push({
          id: team.id,
          slug: team.slug,
          memberCount: team.memberCount,
        }),
    },
  );
  return { tally, teams };
}
