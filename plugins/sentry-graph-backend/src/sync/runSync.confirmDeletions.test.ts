import {
  collectAll,
  generateSampleData,
  type FaultRule,
  type MemberJson,
  type ProjectJson,
  type ReleaseJson,
  type SampleData,
  type TeamJson,
} from '@sentry-graph/sentry-sample-server';
import { releaseId } from '../graph/schema';
import { useSampleServerEnvironment } from '../__testUtils__/sampleServerEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useSampleServerEnvironment();
const { graph } = env;

/** More than one page (100) of every offset-paginated kind. */
function sampleData(): SampleData {
  return generateSampleData({
    preset: 'S',
    organizations: 1,
    sizes: { members: 120, teams: 105, projects: 110, releases: 150, rules: 5 },
  });
}

/** Row 0 of the listing is deleted in Sentry just before its second page is served. */
const deleteFirstRowBeforePage2 = (listing: string): FaultRule => ({
  path: `/organizations/acme/${listing}/`,
  page: 1,
  kind: 'delete-row',
  times: 1,
});

/**
 * Per label: the node of the deleted row 0, and the node of the row that
 * slid from the second page into the first while the listing ran (row 100
 * of the listing), which the listing then never showed.
 */
function rowsOf(data: SampleData) {
  const [organization] = data.organizations;
  const id = (item: { id: string }) => item.id;
  const open = collectAll<ReleaseJson>(organization.releases).filter(
    release => release.status !== 'archived',
  );
  const release = (item: ReleaseJson) =>
    releaseId(organization.organization.id, item.version);
  const members = collectAll<MemberJson>(organization.members);
  const teams = collectAll<TeamJson>(organization.teams);
  const projects = collectAll<ProjectJson>(organization.projects);
  return {
    SentryUser: { deleted: id(members[0]), unseen: id(members[100]) },
    SentryTeam: { deleted: id(teams[0]), unseen: id(teams[100]) },
    SentryProject: { deleted: id(projects[0]), unseen: id(projects[100]) },
    SentryRelease: { deleted: release(open[0]), unseen: release(open[100]) },
  };
}

interface NodeState {
  id: string;
  firstseen: number;
  lastupdated: number;
  absentSince: number | null;
}

async function nodeState(
  label: string,
  id: string,
): Promise<NodeState | undefined> {
  const [row] = await graph.query<NodeState>(
    `MATCH (n:${label} {id: $id})
     RETURN n.id AS id, n.firstseen AS firstseen, n.lastupdated AS lastupdated,
            n.absent_since AS absentSince`,
    { id },
  );
  return row;
}

describe('deletions confirmed with Sentry', () => {
  it('keep every node whose item still exists, though a row deleted mid-listing hid it, and delete the deleted ones', async () => {
    const data = sampleData();
    const rows = rowsOf(data);
    const sentry = await env.start({ data });
    await runTestSync(sentry, graph);
    const before = await nodeState('SentryUser', rows.SentryUser.unseen);

    // Row 0 of every listing deleted once its first page was served: the
    // second page starts one row later, and row 100 goes unseen.
    sentry.setFaults(
      ['members', 'teams', 'projects', 'releases'].map(
        deleteFirstRowBeforePage2,
      ),
    );
    const shifted = await runTestSync(sentry, graph);

    // The team deleted mid-run can no longer list its members (404): only
    // the memberships are incomplete.
    expect(shifted.errors).toEqual([
      expect.stringMatching(
        /^acme team-memberships: members of team \S+: .*404/,
      ),
    ]);
    for (const [label, { unseen }] of Object.entries(rows)) {
      expect({ label, unseen: await nodeState(label, unseen) }).toEqual({
        label,
        unseen: expect.objectContaining({
          lastupdated: shifted.updateTag,
          absentSince: null,
        }),
      });
    }
    expect(
      (await nodeState('SentryUser', rows.SentryUser.unseen))?.firstseen,
    ).toBe(before?.firstseen);
    expect(checksOf(shifted)).toEqual(
      [1, 2, 3, 4].map(() => ({
        confirmed: 0,
        stillInSentry: 1,
        awaitingNextRun: 0,
      })),
    );

    // The next run no longer sees row 0: Sentry confirms it gone.
    sentry.setFaults([]);
    const next = await runTestSync(sentry, graph);

    expect(next.status).toBe('succeeded');
    for (const [label, { deleted, unseen }] of Object.entries(rows)) {
      expect({ label, deleted: await nodeState(label, deleted) }).toEqual({
        label,
        deleted: undefined,
      });
      expect(await nodeState(label, unseen)).toBeDefined();
    }
    expect(checksOf(next)).toEqual(
      [1, 2, 3, 4].map(() => ({
        confirmed: 1,
        stillInSentry: 0,
        awaitingNextRun: 0,
      })),
    );
  });

  it('beyond the cap, deletes a missing node only when the next complete run misses it too', async () => {
    const data = sampleData();
    const members = collectAll<MemberJson>(data.organizations[0].members);
    // A row of the second page, deleted before that page is served.
    const deleted = members[110].id;
    const sentry = await env.start({ data });
    const noChecks = { engine: { confirmDeletions: 0 } };
    await runTestSync(sentry, graph, noChecks);

    sentry.setFaults([{ ...deleteFirstRowBeforePage2('members'), row: 110 }]);
    const missedOnce = await runTestSync(sentry, graph, noChecks);

    expect(missedOnce.organizations[0].kinds.members).toMatchObject({
      deleted: 0,
      deletionChecks: { confirmed: 0, stillInSentry: 0, awaitingNextRun: 1 },
    });
    expect((await nodeState('SentryUser', deleted))?.absentSince).toBe(
      missedOnce.updateTag,
    );

    sentry.setFaults([]);
    const missedTwice = await runTestSync(sentry, graph, noChecks);

    expect(await nodeState('SentryUser', deleted)).toBeUndefined();
    expect(missedTwice.organizations[0].kinds.members?.deleted).toBe(1);
  });
});

/** The deletion checks of members, teams, projects and releases. */
function checksOf(result: Awaited<ReturnType<typeof runTestSync>>) {
  const kinds = result.organizations[0].kinds;
  return [kinds.members, kinds.teams, kinds.projects, kinds.releases].map(
    kind => kind?.deletionChecks,
  );
}
