import type { ListingSizes } from '../graph/RoutineQueries';
import { GRAPH_SCHEMA_VERSION, organizationNode } from '../graph/schema';
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
import {
  organizationKind,
  type OrganizationKind,
} from './routine/routineBasis';
import { readAuditLog } from './routine/auditLog';
import { routineTeams } from './routine/routineTeams';
import type { RunChanges } from './changes/RunChanges';
import type { OrganizationResult, RunStatus, SyncRunKind } from './types';

export type OrganizationRunContext = Omit<
  OrganizationContext,
  | 'organization'
  | 'client'
  | 'scope'
  | 'kind'
  | 'routine'
  | 'skip'
  | 'expectedSizes'
> & {
  client: SentryClient;
  updateTag: number;
  /** The kind of run asked for; an organization the graph has no full run of runs full. */
  kind: SyncRunKind;
  /** Where the run records what it changed; nothing is recorded without. */
  changes?: RunChanges;
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
  let kind: OrganizationKind;
  let expectedSizes: ListingSizes;
  try {
    organization = await run.client.getJson(apiPath`organizations/${slug}/`, {
      endpoint: 'organization',
      schema: SentryOrganizationSchema,
      query: { detailed: '0' },
      signal: run.signal,
    });
    kind = await organizationKind(run.store, organization.id, run.kind);
    expectedSizes = await run.store.routine.listingSizes(organization.id);
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

  if (kind.reason) {
    logger.info(
      `A routine run was asked for; ${slug} runs full: ${kind.reason}`,
    );
  }
  const skipped: string[] = [];
  const changes = run.changes?.forOrganization(
    { id: organization.id, slug: organization.slug },
    kind.importing,
  );
  const context: OrganizationContext = {
    ...run,
    logger,
    organization,
    client: regionClient(run.client, organization, logger),
    scope: {
      updateTag: run.updateTag,
      organizationId: organization.id,
      changes: changes?.sink,
    },
    kind: kind.kind,
    routine: kind.routine,
    skip: line => skipped.push(line),
    expectedSizes,
  };
  const { tallies, projectsWithoutAccess, auditLog } = await syncKinds(context);

  const kinds: OrganizationResult['kinds'] = {
    organization: { ...emptyKindResult(), fetched: 1, written: 1 },
  };
  for (const tally of tallies) kinds[tally.kind] = tally.result;
  const status = organizationStatus(context, tallies);
  // The base routine runs build on: every kind listed whole. (Invalid items
  // or a cleanup held back make the run partial, and leave no gap a routine
  // run would have to fill.)
  const listedWhole =
    !context.signal?.aborted && tallies.every(tally => tally.complete);
  if (context.kind === 'full' && listedWhole) {
    try {
      await context.store.routine.markFullSynced(
        context.scope,
        GRAPH_SCHEMA_VERSION,
      );
    } catch (error) {
      logger.warn(
        `The graph could not record the full run of ${slug}, so its next run is full again: ${describeError(error)}`,
      );
    }
  }
  if (auditLog?.use.read) await markAuditLogRead(context, tallies);
  const recorded = changes?.finish(
    tallies.reduce((sum, tally) => sum + tally.result.written, 0),
  );
  return {
    slug,
    id: organization.id,
    name: organization.name,
    status,
    kinds,
    kind: context.kind,
    ...(kind.reason ? { kindReason: kind.reason } : {}),
    ...(skipped.length > 0 ? { skipped } : {}),
    ...(auditLog ? { auditLog: auditLog.use } : {}),
    ...(projectsWithoutAccess ? { projectsWithoutAccess } : {}),
    ...(recorded !== undefined ? { changes: recorded } : {}),
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
  const auditLogDone = context.routine ? readAuditLog(context) : undefined;
  // Listings start at once; writes wait for the nodes they link to: HAS_TEAM
  // for the teams, HAS_RELEASE and HAS_RULE for the projects, MEMBER_OF and
  // ADMIN_OF for the members. The team member listings need the teams' list.
  const projectsDone = syncProjects(context, teamsDone);
  const kinds: KindsDone = {
    teams: tallyOf(teamsDone),
    members: tallyOf(membersDone),
    memberships: tallyOf(
      teamsDone.then(async teams =>
        syncTeamMemberships(
          context,
          teams,
          membersDone,
          auditLogDone
            ? await routineTeams(context, teams, membersDone, auditLogDone)
            : teams.teams,
        ),
      ),
    ),
    projects: tallyOf(projectsDone),
    releases: tallyOf(syncReleases(context, projectsDone)),
    alertRules: tallyOf(
      projectsDone.then(projects => syncAlertRules(context, projects.slugs)),
    ),
  };
  if (context.kind === 'full') await cleanUpAsKindsEnd(context, kinds);
  else
    context.skip(
      'deletions: a routine run deletes nothing; the next full run removes what Sentry no longer has',
    );
  const tallies: KindTally[] = await Promise.all(Object.values(kinds));
  const auditLog = await auditLogDone;
  if (auditLog && !auditLog.use.read) {
    context.skip(
      `the audit log: ${auditLog.use.reason}; changed teams are found from their member counts and the rotation instead`,
    );
  }
  return {
    tallies,
    projectsWithoutAccess: (await projectsDone).withoutAccess,
    auditLog,
  };
}

/**
 * The next audit log read starts from this run when every team member
 * listing it read completed; else the entries are read again next time,
 * so a team they named and this run failed to list is not forgotten.
 */
async function markAuditLogRead(
  context: OrganizationContext,
  tallies: readonly KindTally[],
): Promise<void> {
  const memberships = tallies.find(tally => tally.kind === 'team-memberships');
  if (context.signal?.aborted || !memberships?.complete) return;
  try {
    await context.store.routine.markAuditLogRead(context.scope);
  } catch (error) {
    context.logger.warn(
      `The graph could not record the audit log read of ${context.organization.slug}, so the next routine run reads those entries again: ${describeError(error)}`,
    );
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
