import {
  collectAll,
  generateSampleData,
  type FaultRule,
  type MemberJson,
  type ReleaseJson,
} from '@sentry-graph/sentry-sample-server';
import { releaseId } from '../graph/schema';
import { useSampleServerEnvironment } from '../__testUtils__/sampleServerEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

/*
 * A sync whose offset-paginated listings are read several pages at a time,
 * against the sample server answering as sentry.io does across a network.
 */

const env = useSampleServerEnvironment();
const { graph } = env;

/** Five pages of members and of open releases. */
const data = () =>
  generateSampleData({
    preset: 'S',
    seed: 5,
    organizations: 1,
    sizes: { members: 450, releases: 500, teams: 6, projects: 12, rules: 6 },
  });

/**
 * Row 0, which page 0 already served, is deleted in Sentry just before page
 * 3 is answered: every page answered after that starts one row later, so
 * the rows at those pages' edges go unseen (at least row 300, the first
 * row of page 3, since page 2 is always asked for before page 3).
 */
const deleteRow0BeforePage3 = (listing: string): FaultRule => ({
  path: `/organizations/acme/${listing}/`,
  page: 3,
  kind: 'delete-row',
  times: 1,
});

async function nodesOf(label: string) {
  return new Map(
    (
      await graph.query<{ id: string; lastupdated: number; absent: unknown }>(
        `MATCH (n:${label}) RETURN n.id AS id, n.lastupdated AS lastupdated, n.absent_since AS absent`,
      )
    ).map(row => [row.id, row]),
  );
}

describe('a sync reading pages concurrently', () => {
  it('says which way each listing was read', async () => {
    const sentry = await env.start({ data: data(), latency: { ms: 100 } });

    const result = await runTestSync(sentry, graph);

    expect(result.status).toBe('succeeded');
    const kinds = result.organizations[0].kinds;
    expect(kinds.members?.listingReads).toEqual([
      { endpoint: 'members', mode: 'concurrent', listings: 1, pages: 5 },
    ]);
    expect(kinds.releases?.listingReads).toEqual([
      expect.objectContaining({ endpoint: 'releases', mode: 'concurrent' }),
      // The archived releases fit on one page.
      { endpoint: 'releases', mode: 'single-page', listings: 1, pages: 1 },
    ]);
    // Three teams have more than 100 members; the others fit on one page.
    const teamReads = kinds['team-memberships']?.listingReads ?? [];
    expect(teamReads).toHaveLength(2);
    expect(teamReads).toEqual(
      expect.arrayContaining([
        { endpoint: 'team-members', mode: 'concurrent', listings: 3, pages: 7 },
        {
          endpoint: 'team-members',
          mode: 'single-page',
          listings: 3,
          pages: 3,
        },
      ]),
    );
    expect(sentry.stats().rateLimited).toBe(0);
  });

  it('loses no node when a page shifts during the window: confirm-before-delete keeps what Sentry still has', async () => {
    const sample = data();
    const [organization] = sample.organizations;
    const members = collectAll<MemberJson>(organization.members);
    const releaseRows = collectAll<ReleaseJson>(organization.releases);
    // The row deleted is the first of the open releases' listing too.
    expect(releaseRows[0].status).not.toBe('archived');
    const openReleases = releaseRows.filter(
      release => release.status !== 'archived',
    );
    const releaseNodeId = (release: ReleaseJson) =>
      releaseId(organization.organization.id, release.version);
    const sentry = await env.start({ data: sample, latency: { ms: 100 } });
    await runTestSync(sentry, graph);

    sentry.setFaults(['members', 'releases'].map(deleteRow0BeforePage3));
    const shifted = await runTestSync(sentry, graph);

    const kinds = shifted.organizations[0].kinds;
    for (const kind of [kinds.members, kinds.releases]) {
      expect(kind?.listingReads?.[0]).toMatchObject({ mode: 'concurrent' });
      // Rows the shifted pages hid were asked about, and Sentry still has them.
      expect(kind?.deletionChecks?.stillInSentry).toBeGreaterThanOrEqual(1);
      expect(kind?.deleted).toBe(0);
    }
    // Every item still in Sentry is in the graph, refreshed by this run.
    const users = await nodesOf('SentryUser');
    const releases = await nodesOf('SentryRelease');
    const stale = [
      ...members.slice(1).map(member => users.get(member.id)),
      ...openReleases
        .slice(1)
        .map(release => releases.get(releaseNodeId(release))),
    ].filter(
      node => node?.lastupdated !== shifted.updateTag || node.absent !== null,
    );
    expect(stale).toEqual([]);
    // Row 0 was listed before it was deleted: kept until the next run.
    expect(users.has(members[0].id)).toBe(true);
    expect(releases.has(releaseNodeId(openReleases[0]))).toBe(true);
  });
});
