import { organizationNode } from '../graph/schema';
import {
  apiPath,
  SentryOrganizationSchema,
  type SentryClient,
} from '../sentry';
import { cleanUpAsKindsEnd, type KindsDone } from './cleanupSchedule';
import { emptyKindResult, type OrganizationContext } from './context';
import { describeError } from './describeError';
import { KindTally } from './KindTally';
import { syncAlertRules } from './kinds/alertRules';
import { syncMembers } from './kinds/members';
import { syncProjects } from './kinds/projects';
import { syncReleases } from './kinds/releases';
import { syncTeamMemberships } from './kinds/teamMemberships';
import { syncTeams } from './kinds/teams';
import { regionClient } from './regionClient';
import type { OrganizationResult, RunStatus } from './types';

export type OrganizationRunContext = Omit<
  OrganizationContext,
  'organization' | 'client' | 'scope'
> & {
  client: SentryClient;
  updateTag: number;
};

/**
 * One organization: its node first, then every kind, each as soon as what it
 * links to is written, and each kind's cleanup as soon as its listing (and
 * those it relies on) completed.
 */
export async function syncOrganization(
  run: OrganizationRunContext,
  slug: string,
): Promise<OrganizationResult> {
  const logger = run.logger.child({ organization: slug });
  let organization;
  try {
    organization = await run.client.getJson(apiPath`organizations/${slug}/`, {
      endpoint: 'organization',
      schema: SentryOrganizationSchema,
      query: { detailed: '0' },
      signal: run.signal,
    });
    await run.store.mergeNodes(organizationNode, [organization], {
      updateTag: run.updateTag,
    });
  } catch (error) {
    const message = describeError(error);
    logger.warn(`Organization ${slug} could not be read: ${message}`);
    return {
      slug,
      status: run.signal?.aborted ? 'aborted' : 'failed',
      error: message,
      kinds: {
        organization: {
          ...emptyKindResult(),
          status: 'incomplete',
          error: message,
        },
      },
    };
  }

  const context: OrganizationContext = {
    ...run,
    logger,
    organization,
    client: regionClient(run.client, organization, logger),
    scope: { updateTag: run.updateTag, organizationId: organization.id },
  };
  const { tallies, projectsWithoutAccess } = await syncKinds(context);

  const kinds: OrganizationResult['kinds'] = {
    organization: { ...emptyKindResult(), fetched: 1, written: 1 },
  };
  for (const tally of tallies) kinds[tally.kind] = tally.result;
  return {
    slug,
    id: organization.id,
    name: organization.name,
    status: organizationStatus(context, tallies),
    kinds,
    ...(projectsWithoutAccess ? { projectsWithoutAccess } : {}),
  };
}

async function syncKinds(context: OrganizationContext) {
  // A kind's tally, stopped (its duration taken) once the kind has ended.
  const tallyOf = (done: Promise<{ tally: KindTally } | KindTally>) =>
    done.then(value => {
      const tally = value instanceof KindTally ? value : value.tally;
      tally.stop();
      return tally;
    });
  const teamsDone = syncTeams(context);
  const membersDone = syncMembers(context);
  // Listings start at once; writes wait for the nodes they link to: HAS_TEAM
  // for the teams, HAS_RELEASE and HAS_RULE for the projects, MEMBER_OF and
  // ADMIN_OF for the members. The team member listings need the teams' list.
  const projectsDone = syncProjects(context, teamsDone);
  const kinds: KindsDone = {
    teams: tallyOf(teamsDone),
    members: tallyOf(membersDone),
    memberships: tallyOf(
      teamsDone.then(teams => syncTeamMemberships(context, teams, membersDone)),
    ),
    projects: tallyOf(projectsDone),
    releases: tallyOf(syncReleases(context, projectsDone)),
    alertRules: tallyOf(projectsDone.then(() => syncAlertRules(context))),
  };
  await cleanUpAsKindsEnd(context, kinds);
  const tallies: KindTally[] = await Promise.all(Object.values(kinds));
  return {
    tallies,
    projectsWithoutAccess: (await projectsDone).withoutAccess,
  };
}

function organizationStatus(
  context: OrganizationContext,
  tallies: KindTally[],
): RunStatus {
  if (context.signal?.aborted) return 'aborted';
  const clean = tallies.every(
    tally =>
      tally.complete &&
      tally.result.invalid === 0 &&
      tally.result.kept.length === 0,
  );
  return clean ? 'succeeded' : 'partial';
}
