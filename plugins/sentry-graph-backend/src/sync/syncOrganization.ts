import {
  organizationNode,
  hasReleaseRelationship,
  hasRuleRelationship,
  hasTeamRelationship,
  memberOfRelationship,
  adminOfRelationship,
  alertRuleNode,
  projectNode,
  releaseNode,
  teamNode,
  userNode,
} from '../graph/schema';
import {
  apiPath,
  SentryOrganizationSchema,
  type SentryClient,
} from '../sentry';
import { cleanupKind, type CleanupTarget } from './cleanup';
import { emptyKindResult, type OrganizationContext } from './context';
import { confirmOffsetListedDeletions } from './deletionChecks';
import { describeError } from './describeError';
import { KindTally } from './KindTally';
import { alertRuleSourceOf, syncAlertRules } from './kinds/alertRules';
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
 * links to is written, and cleanup last for the kinds whose listings completed.
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
  const stillInSentry = await confirmOffsetListedDeletions(context, tallies);
  // Teams and members a listing skipped, or sent in a shape we could not
  // read: their memberships were not listed (nor owners' and managers'
  // ADMIN_OF to every team written), so they are kept as they are.
  tallies.memberships.protect([
    ...stillInSentry,
    ...tallies.teams.protectedIds,
    ...tallies.members.protectedIds,
  ]);
  await cleanup(context, tallies);

  const kinds: OrganizationResult['kinds'] = {
    organization: { ...emptyKindResult(), fetched: 1, written: 1 },
  };
  for (const tally of Object.values(tallies)) kinds[tally.kind] = tally.result;
  return {
    slug,
    id: organization.id,
    name: organization.name,
    status: organizationStatus(context, Object.values(tallies)),
    kinds,
    ...(projectsWithoutAccess ? { projectsWithoutAccess } : {}),
  };
}

async function syncKinds(context: OrganizationContext) {
  const timed = <T extends { tally: KindTally } | KindTally>(
    done: Promise<T>,
  ) =>
    done.then(value => {
      const tally: KindTally = value instanceof KindTally ? value : value.tally;
      tally.stop();
      return value;
    });
  const teamsDone = timed(syncTeams(context));
  const membersDone = timed(syncMembers(context));
  // Listings start at once; writes wait for the nodes they link to: HAS_TEAM
  // for the teams, HAS_RELEASE and HAS_RULE for the projects, MEMBER_OF and
  // ADMIN_OF for the members. The team member listings need the teams' list.
  const projectsDone = timed(syncProjects(context, teamsDone));
  const membershipsDone = teamsDone.then(teams =>
    timed(syncTeamMemberships(context, teams, membersDone)),
  );
  const releasesDone = timed(syncReleases(context, projectsDone));
  const alertRulesDone = projectsDone.then(() =>
    timed(syncAlertRules(context)),
  );
  const [teams, members, memberships, projectsOutcome, releases, alertRules] =
    await Promise.all([
      teamsDone,
      membersDone,
      membershipsDone,
      projectsDone,
      releasesDone,
      alertRulesDone,
    ]);
  return {
    tallies: {
      teams: teams.tally,
      members: members.tally,
      memberships,
      projects: projectsOutcome.tally,
      releases,
      alertRules,
    },
    projectsWithoutAccess: projectsOutcome.withoutAccess,
  };
}

async function cleanup(
  context: OrganizationContext,
  t: Awaited<ReturnType<typeof syncKinds>>['tallies'],
): Promise<void> {
  const plan: Array<[KindTally, CleanupTarget, KindTally[]]> = [
    // Owner and manager ADMIN_OF edges rely on the whole team and member lists.
    [
      t.memberships,
      { relationships: [memberOfRelationship, adminOfRelationship] },
      [t.teams, t.members],
    ],
    [
      t.projects,
      { nodeLabel: projectNode.label, relationships: [hasTeamRelationship] },
      [],
    ],
    [
      t.releases,
      { nodeLabel: releaseNode.label, relationships: [hasReleaseRelationship] },
      [],
    ],
    [
      t.alertRules,
      {
        nodeLabel: alertRuleNode.label,
        relationships: [hasRuleRelationship],
        source: alertRuleSourceOf(t.alertRules),
      },
      [],
    ],
    [t.teams, { nodeLabel: teamNode.label, relationships: [] }, []],
    [t.members, { nodeLabel: userNode.label, relationships: [] }, []],
  ];
  for (const [tally, target, dependsOn] of plan) {
    try {
      await cleanupKind(context, tally, target, dependsOn);
    } catch (error) {
      tally.keep({
        what: target.nodeLabel ?? tally.kind,
        reason: `cleanup failed: ${describeError(error)}`,
      });
    }
  }
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
