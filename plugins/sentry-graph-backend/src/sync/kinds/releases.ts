import {
  hasReleaseRelationship,
  releaseId,
  releaseNode,
} from '../../graph/schema';
import {
  SentryReleaseSchema,
  type SentryRelease,
  type SentryReleaseStatus,
} from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { KindTally, type Listing } from '../KindTally';
import { writeListing } from './writeListing';

/**
 * Sentry lists `open` releases only when no status is asked for
 * (src/sentry/releases/endpoints/organization_releases.py, `status` defaults
 * to "open"). One listing per status works on every Sentry version; an
 * empty status, which skips the filter, only on newer ones.
 */
const RELEASE_STATUSES: readonly SentryReleaseStatus[] = ['open', 'archived'];

function releaseListing(
  context: OrganizationContext,
  status: SentryReleaseStatus,
): Listing<SentryRelease> {
  return {
    path: orgPath(context, 'releases/'),
    endpoint: 'releases',
    // A Sentry that does not serialize `status` still said which it listed.
    itemSchema: SentryReleaseSchema.transform(release => ({
      ...release,
      status: release.status ?? status,
    })),
    // Without `project` Sentry lists only the releases of the caller's own projects.
    query: { project: '-1', status },
    expectedItems: context.expectedSizes.releases[status],
  };
}

/**
 * SentryRelease nodes (id `{organization id}/{version}`) and HAS_RELEASE from
 * their projects. The listing starts at once, and its first writes wait for
 * `projectsWritten` (HAS_RELEASE needs the project nodes): the longest
 * listing of an organization need not wait for teams and projects, while
 * the writer holds a bounded number of batches meanwhile.
 */
export async function syncReleases(
  context: OrganizationContext,
  projectsWritten: Promise<unknown>,
): Promise<KindTally> {
  // An invalid release's readable `id` is Sentry's numeric id, not our node id.
  const tally = new KindTally('releases', context, false);
  if (context.kind === 'routine') {
    await syncNewReleases(context, tally, projectsWritten);
    return tally;
  }
  await writeListing(
    context,
    tally,
    RELEASE_STATUSES.map(status => releaseListing(context, status)),
    releases => writeReleases(context, releases),
    { after: projectsWritten },
  );
  return tally;
}

/**
 * A routine run: the open releases, newest first (Sentry's default sort,
 * `date`, is date_added descending), page after page up to the first page
 * whose releases the graph holds unchanged. Archiving is seen only in the
 * `archived` listing, which has no date to stop at: it waits for the full run.
 */
async function syncNewReleases(
  context: OrganizationContext,
  tally: KindTally,
  projectsWritten: Promise<unknown>,
) {
  const organizationId = context.organization.id;
  await writeListing(
    context,
    tally,
    [{ ...releaseListing(context, 'open'), sequential: true }],
    releases => writeReleases(context, releases),
    {
      after: projectsWritten,
      changedOnly: async releases => {
        const unchanged = await context.store.unchangedIds(
          releaseNode,
          releases.map(release => ({ organizationId, release })),
        );
        const changed = releases.filter(
          release => !unchanged.has(releaseId(organizationId, release.version)),
        );
        return { changed, readOn: changed.length > 0 };
      },
    },
  );
  context.skip(
    'the archived releases listing: archiving shows at the next full run',
  );
}

/** Writes release nodes and their HAS_RELEASE; returns what it wrote. */
export async function writeReleases(
  context: OrganizationContext,
  releases: readonly SentryRelease[],
): Promise<number> {
  const { store, scope } = context;
  const organizationId = context.organization.id;
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
}
