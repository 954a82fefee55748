import { hasTeamRelationship, projectNode } from '../../graph/schema';
import { SentryProjectSchema, type SentryProject } from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { KindTally } from '../KindTally';
import { writeListing } from './writeListing';

/** SentryProject nodes and HAS_TEAM from each project's `teams[]`. */
export async function syncProjects(
  context: OrganizationContext,
): Promise<KindTally> {
  const tally = new KindTally('projects', context);
  const { store, scope } = context;
  await writeListing(
    context,
    tally,
    [
      {
        path: orgPath(context, 'projects/'),
        endpoint: 'projects',
        itemSchema: SentryProjectSchema,
      },
    ],
    async (projects: SentryProject[]) => {
      const written = await store.mergeNodes(projectNode, projects, scope);
      const links = projects.flatMap(project =>
        project.teams.map(team => ({ from: project.id, to: team.id })),
      );
      return (
        written +
        (await store.mergeRelationships(hasTeamRelationship, links, scope))
      );
    },
  );
  return tally;
}
