import { dumpGraph, edges } from '../__testUtils__/dumpGraph';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';
import { GRAPH_SCHEMA_VERSION } from '../graph/schema';
import type { SyncRunResult } from './types';

const env = useAcmeEnvironment();
const { graph } = env;

const requests = (result: SyncRunResult) => result.requests.requests;

async function nodeProps(id: string): Promise<Record<string, unknown>> {
  const [row] = await graph.query<{ props: Record<string, unknown> }>(
    'MATCH (n {id: $id}) RETURN properties(n) AS props',
    { id },
  );
  return row?.props ?? {};
}

describe('a routine run', () => {
  it('runs full on a graph that holds no full run yet, and says why', async () => {
    const result = await runTestSync(env.sentry, graph, { kind: 'routine' });
    expect(result.status).toBe('succeeded');
    expect(result.kind).toBe('full');
    expect(result.kindReason).toContain(
      'the graph holds no complete full run of it yet',
    );
    expect(result.organizations[0].kind).toBe('full');
    expect(result.skipped).toBeUndefined();
  });

  it('runs full after a full run of another schema version', async () => {
    await runTestSync(env.sentry, graph);
    await graph.store.write(
      'MATCH (o:SentryOrganization {id: "1001"}) SET o.sync_schema = 0',
      {},
    );
    const result = await runTestSync(env.sentry, graph, { kind: 'routine' });
    expect(result.kind).toBe('full');
    expect(result.kindReason).toContain(
      `wrote graph schema version 0, and this version writes ${GRAPH_SCHEMA_VERSION}`,
    );
  });

  it('runs full after a full run whose listing of a kind failed', async () => {
    env.sentry.setFaults([
      { path: '/teams/acme/ops/members/', kind: 'status', status: 500 },
    ]);
    const broken = await runTestSync(env.sentry, graph, {
      sentry: { maxRetries: 0 },
    });
    expect(broken.status).toBe('partial');
    env.sentry.setFaults([]);
    const next = await runTestSync(env.sentry, graph, { kind: 'routine' });
    expect(next.kind).toBe('full');
    expect(next.kindReason).toContain('no complete full run');
  });

  it('shows the changes made in Sentry, deletes nothing, and costs fewer requests than a full run', async () => {
    const full = await runTestSync(env.sentry, graph);
    expect(full.kind).toBe('full');
    env.sentry.applyChanges({
      organization: 'acme',
      changes: [
        { kind: 'member-role', memberId: '2005', role: 'manager' },
        { kind: 'member-2fa', memberId: '2004', enabled: false },
        { kind: 'member-removed', memberId: '2006' },
        { kind: 'team-member-added', team: 'ops', memberId: '2003' },
        { kind: 'releases-created', count: 3, projects: ['api'] },
        { kind: 'workflow-changed', workflowId: '6001', name: 'Renamed' },
        // Its detectors leave the listing at once (Sentry lists the detectors
        // of active projects only); workflows still name them.
        { kind: 'project-removed', project: 'web' },
        { kind: 'project-added', slug: 'mobile', teams: ['ops'] },
        { kind: 'member-invite', email: 'ivan@acme.test', role: 'member' },
      ],
    });

    // What the listings alone show (the audit log's part: runSync.auditLog.test.ts).
    const routine = await runTestSync(env.sentry, graph, {
      kind: 'routine',
      engine: { routineAuditLog: false },
    });
    expect(routine.errors).toEqual([]);
    expect(routine.status).toBe('succeeded');
    expect(routine.kind).toBe('routine');
    expect(routine.organizations[0].auditLog).toEqual({
      read: false,
      reason: 'turned off (sentryGraph.sync.routine.auditLog: false)',
    });
    expect(routine.organizations[0].kind).toBe('routine');
    expect(routine.requests.byEndpoint).toEqual({
      organizations: 1,
      organization: 1,
      teams: 1,
      members: 1,
      projects: 1,
      // ops has another member count; frontend lost 2006 and 2005 changed
      // role; and one team of four (a rotation of eight runs) read longest ago.
      'team-members': 3,
      // The open releases, newest first: the first page holds known ones.
      releases: 1,
      // The workflows by date updated; the changed one's two detectors in
      // one listing filtered by id.
      workflows: 1,
      detectors: 1,
    });
    expect(requests(routine)).toBeLessThan(requests(full));
    expect(routine.skipped).toEqual(
      expect.arrayContaining([
        'acme: deletions: a routine run deletes nothing; the next full run removes what Sentry no longer has',
        'acme: the archived releases listing: archiving shows at the next full run',
      ]),
    );

    expect((await nodeProps('2005')).role).toBe('manager');
    expect((await nodeProps('2004')).has_2fa).toBe(false);
    expect((await nodeProps('6001')).name).toBe('Renamed');
    const dump = await dumpGraph(graph);
    const releases = dump.nodes.filter(n => n.labels.includes('SentryRelease'));
    expect(releases).toHaveLength(
      full.organizations[0].kinds.releases!.fetched + 3,
    );
    expect(edges(dump, 'MEMBER_OF')).toContain('2003->3004 contributor');
    // A new project with its team, and a new invite, at the next routine run.
    const mobile = dump.nodes.find(n => n.props.slug === 'mobile');
    expect(mobile?.labels).toContain('SentryProject');
    expect(edges(dump, 'HAS_TEAM')).toContain(
      `${String(mobile?.props.id)}->3004`,
    );
    expect(
      dump.nodes.find(n => n.props.email === 'ivan@acme.test')?.props.pending,
    ).toBe(true);
    // A new manager is Team Admin of every team, joined or not.
    expect(edges(dump, 'ADMIN_OF').filter(e => e.startsWith('2005->'))).toEqual(
      ['2005->3001', '2005->3002', '2005->3003', '2005->3004'],
    );
    // Removed in Sentry, kept until the full run.
    expect(dump.nodes.some(n => n.props.id === '2006')).toBe(true);
    expect(
      Object.values(routine.organizations[0].kinds).reduce(
        (sum, kind) => sum + kind.deleted,
        0,
      ),
    ).toBe(0);

    // The next full run gives the graph a full run alone gives. (Removing
    // web takes two of the fixture's three HAS_TEAM edges: past the guard.)
    const next = await runTestSync(env.sentry, graph, {
      engine: { allowMassDeletion: true },
    });
    expect(next.kind).toBe('full');
    expect(next.errors).toEqual([]);
    expect(next.status).toBe('succeeded');
    const afterRoutine = await dumpGraph(graph, next.updateTag);
    expect(afterRoutine.badStamps).toEqual([]);
    await graph.wipe();
    const alone = await runTestSync(env.sentry, graph);
    expect(alone.status).toBe('succeeded');
    expect(await dumpGraph(graph, alone.updateTag)).toEqual(afterRoutine);
  });

  it('reads a team role change within the rotation bound, and no team listing without a sign of change before that', async () => {
    await runTestSync(env.sentry, graph, {
      engine: { routineTeamRotation: 2 },
    });
    // Sentry audits no team role edit, and the member count stays.
    env.sentry.applyChanges({
      organization: 'acme',
      changes: [
        {
          kind: 'team-role',
          team: 'backend',
          memberId: '2004',
          teamRole: 'admin',
        },
      ],
    });
    const roleOf = async () =>
      edges(await dumpGraph(graph), 'MEMBER_OF').find(e =>
        e.startsWith('2004->3001'),
      );
    expect(await roleOf()).toBe('2004->3001 contributor');

    const seenAfter: number[] = [];
    for (let run = 1; run <= 2; run++) {
      const routine = await runTestSync(env.sentry, graph, {
        kind: 'routine',
        engine: { routineTeamRotation: 2 },
      });
      expect(routine.kind).toBe('routine');
      const listed = routine.organizations[0].kinds['team-memberships']!;
      // Half of the four teams, those read longest ago: two listings a run.
      expect(listed.listingReads?.reduce((n, r) => n + r.listings, 0)).toBe(2);
      if ((await roleOf()) === '2004->3001 admin') seenAfter.push(run);
    }
    expect(seenAfter.length).toBeGreaterThan(0);
    expect(seenAfter[0]).toBeLessThanOrEqual(2);
  });
});
