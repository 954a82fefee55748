import { hasTeamRelationship, projectNode } from '../../graph/schema';
import { SentryProjectSchema, type SentryProject } from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { KindTally } from '../KindTally';
import { writeListing } from './writeListing';

export interface ProjectsOutcome {
  tally: KindTally;
  /**
   * Projects the token's member cannot access: Sentry lists every project to
   * any member, but filters releases and detectors (and so alert rules) to
   * the projects they can access. Undefined when the token sees them all.
   */
  withoutAccess?: number;
  /**
   * Project id → slug of every project this run listed, when the listing
   * completed: what alert rules link to. The graph may still hold a project
   * Sentry removed, until this run's cleanup deletes it.
   */
  slugs?: ReadonlyMap<string, string>;
}

/**
 * SentryProject nodes and HAS_TEAM from each project's `teams[]`. The
 * listing starts at once; its writes wait for `teamsWritten`.
 */
export async function syncProjects(
  context: OrganizationContext,
  teamsWritten: Promise<unknown>,
): Promise<ProjectsOutcome> {
  const tally = new KindTally('projects', context);
  let listed = 0;
  let withoutAccess = 0;
  const slugs = new Map<string, string>();
  await writeListing(
    context,
    tally,
    [
      {
        path: orgPath(context, 'projects/'),
        endpoint: 'projects',
        itemSchema: SentryProjectSchema,
        expectedItems: context.expectedSizes.projects,
      },
    ],
    projects => writeProjects(context, projects),
    {
      onItem: project => {
        listed++;
        slugs.set(project.id, project.slug);
        if (project.hasAccess === false) withoutAccess++;
      },
      after: teamsWritten,
    },
  );
  // `hasAccess` is the caller's access only for a member, the callers that
  // have an `orgRole` (DetailedOrganizationSerializer): Sentry works it out
  // for the request's user (project serializer `get_access_by_project`), and
  // an internal integration's user is not a member though it reaches every
  // project.
  const outcome = { tally, ...(tally.complete ? { slugs } : {}) };
  if (!context.organization.orgRole || withoutAccess === 0) return outcome;
  tally.warn(
    `the token cannot see ${withoutAccess} of ${listed} projects: Sentry leaves out their releases and ` +
      "alert rules. Use an internal integration's token, or an owner's or manager's token",
  );
  return { ...outcome, withoutAccess };
}

/** Writes project nodes and their HAS_TEAM; returns what it wrote. */
export async function writeProjects(
  context: OrganizationContext,
  projects: readonly SentryProject[],
): Promise<number> {
  const { store, scope } = context;
  const written = await store.mergeNodes(projectNode, projects, scope);
  const links = projects.flatMap(project =>
    project.teams.map(team => ({ from: project.id, to: team.id })),
  );
  return (
    written +
    (await store.mergeRelationships(hasTeamRelationship, links, scope))
  );
}
