import {
  hasReleaseRelationship,
  releaseId,
  releaseNode,
} from '../../graph/schema';
import { SentryReleaseSchema, type SentryRelease } from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { KindTally } from '../KindTally';
import { writeListing } from './writeListing';

/** SentryRelease nodes (id `{organization id}/{version}`) and HAS_RELEASE from their projects. */
export async function syncReleases(
  context: OrganizationContext,
): Promise<KindTally> {
  // An invalid release's readable `id` is Sentry's numeric id, not our node id.
  const tally = new KindTally('releases', context, false);
  const { store, scope } = context;
  const organizationId = context.organization.id;
  await writeListing(
    context,
    tally,
    {
      path: orgPath(context, 'releases/'),
      endpoint: 'releases',
      itemSchema: SentryReleaseSchema,
      // Without it Sentry lists only the releases of the caller's own projects.
      query: { project: '-1' },
    },
    async (releases: SentryRelease[]) => {
      const written = await store.mergeNodes(
        releaseNode,
        releases.map(release => ({ organizationId, release })),
        scope,
      );
      const links = releases.flatMap(release =>
        release.projects.map(project => ({
          from: String(project.id),
          to: releaseId(organizationId, release.version),
        })),
      );
      return (
        written +
        (await store.mergeRelationships(hasReleaseRelationship, links, scope))
      );
    },
  );
  return tally;
}
