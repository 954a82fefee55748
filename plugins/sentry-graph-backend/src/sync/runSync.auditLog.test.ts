import {
  ALL_SCOPES,
  type FaultRule,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import { useSampleServerEnvironment } from '../__testUtils__/sampleServerEnvironment';
import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { dumpGraph, edges } from '../__testUtils__/dumpGraph';
import { runTestSync } from '../__testUtils__/syncHarness';
import type { SyncRunResult } from './types';

const environment = useSampleServerEnvironment();
const { graph } = environment;

/** A rotation this long reads one team a run (the one read longest ago, backend first). */
const engine = { routineTeamRotation: 1000 };
const WITHOUT_ORG_WRITE = ALL_SCOPES.filter(
  scope => scope !== 'org:write' && scope !== 'org:admin',
);

/** An invite to equipe before the full run, and its acceptance after. */
async function fullRunWithPendingInvite(sentry: SampleServer): Promise<string> {
  sentry.applyChanges({
    organization: 'acme',
    changes: [
      { kind: 'member-invite', email: 'ivan@acme.test', teams: ['equipe'] },
    ],
  });
  const full = await runTestSync(sentry, graph, { engine });
  expect(full.status).toBe('succeeded');
  const [invite] = await graph.query<{ id: string }>(
    'MATCH (u:SentryUser {email: "ivan@acme.test"}) RETURN u.id AS id',
  );
  return invite.id;
}

/**
 * What only the audit log names: in frontend one member joined and one
 * left (its member count stays 2), and the invite to equipe was accepted
 * (Sentry counts pending invites in memberCount, so that count stays too).
 */
function changesTheCountsMiss(sentry: SampleServer, inviteId: string) {
  sentry.applyChanges({
    organization: 'acme',
    changes: [
      { kind: 'team-member-added', team: 'frontend', memberId: '2003' },
      { kind: 'team-member-removed', team: 'frontend', memberId: '2006' },
      { kind: 'invite-accepted', memberId: inviteId },
    ],
  });
}

async function memberships(): Promise<string[]> {
  return edges(await dumpGraph(graph), 'MEMBER_OF');
}

const routineRun = (sentry: SampleServer, options = {}) =>
  runTestSync(sentry, graph, { kind: 'routine', engine, ...options });

function expectNoDeletion(result: SyncRunResult) {
  for (const kind of Object.values(result.organizations[0].kinds))
    expect(kind.deleted).toBe(0);
}

describe('a routine run and the audit log', () => {
  it('re-reads at once the teams the audit log names, where no member count changed', async () => {
    const sentry = await environment.start({
      data: { organizations: [acmeOrganization()] },
    });
    const inviteId = await fullRunWithPendingInvite(sentry);
    changesTheCountsMiss(sentry, inviteId);

    const routine = await routineRun(sentry);
    expect(routine.errors).toEqual([]);
    expect(routine.status).toBe('succeeded');
    expect(routine.kind).toBe('routine');
    const org = routine.organizations[0];
    // The invite's entry too: the read starts a margin before the full run.
    expect(org.auditLog).toMatchObject({ read: true, entries: 4 });
    expect(routine.requests.byEndpoint).toMatchObject({
      'audit-logs': 1,
      // frontend and equipe, named by the log; backend, read longest ago.
      'team-members': 3,
    });
    expect(org.skipped).toContainEqual(
      expect.stringContaining('1 of 4 teams: no sign of change') as string,
    );
    expect(org.skipped).toContainEqual(
      expect.stringContaining('2 named by the audit log') as string,
    );
    const after = await memberships();
    expect(after).toContain('2003->3002 contributor');
    expect(after).toContain(`${inviteId}->3003 contributor`);
    // Leaving a team shows at the next full run: a routine run deletes nothing.
    expect(after).toContain('2006->3002 contributor');
    expectNoDeletion(routine);

    // The next read starts from this run, not from the full run.
    const next = await routineRun(sentry);
    const nextLog = next.organizations[0].auditLog;
    expect(nextLog?.read).toBe(true);
    if (!nextLog?.read || !org.auditLog?.read) throw new Error('unreachable');
    expect(Date.parse(nextLog.since)).toBeGreaterThan(
      Date.parse(org.auditLog.since),
    );
  });

  it('reads every page of a long log, and what its last page names', async () => {
    const sentry = await environment.start({
      data: { organizations: [acmeOrganization()] },
    });
    await runTestSync(sentry, graph, { engine });
    // A join and a leave, then 120 role edits of a member in no team: newest
    // first, the join and the leave are on the second page.
    sentry.applyChanges({
      organization: 'acme',
      changes: [
        { kind: 'team-member-added', team: 'frontend', memberId: '2003' },
        { kind: 'team-member-removed', team: 'frontend', memberId: '2006' },
      ],
    });
    sentry.applyChanges({
      organization: 'acme',
      changes: Array.from({ length: 120 }, (_, i) => ({
        kind: 'member-role' as const,
        memberId: '2007',
        role: i % 2 === 0 ? ('admin' as const) : ('member' as const),
      })),
    });
    const routine = await routineRun(sentry);
    expect(routine.organizations[0].auditLog).toMatchObject({
      read: true,
      entries: 122,
    });
    expect(routine.requests.byEndpoint?.['audit-logs']).toBe(2);
    expect(await memberships()).toContain('2003->3002 contributor');
  });

  it('goes on without the audit log when the token lacks org:write, and says so once', async () => {
    const sentry = await environment.start({
      data: { organizations: [acmeOrganization()] },
      tokens: [{ token: 'sample-token', scopes: WITHOUT_ORG_WRITE }],
    });
    const inviteId = await fullRunWithPendingInvite(sentry);
    changesTheCountsMiss(sentry, inviteId);

    const routine = await routineRun(sentry);
    expect(routine.errors).toEqual([]);
    expect(routine.warnings ?? []).toEqual([]);
    expect(routine.status).toBe('succeeded');
    const org = routine.organizations[0];
    expect(org.auditLog).toEqual({
      read: false,
      reason:
        "the token lacks org:write, which Sentry's audit log needs (it answered 403)",
    });
    const lines = (routine.skipped ?? []).filter(line =>
      line.includes('audit log'),
    );
    expect(lines).toEqual([
      "acme: the audit log: the token lacks org:write, which Sentry's audit log needs (it answered 403); changed teams are found from their member counts and the rotation instead",
    ]);
    // Without it, what no count shows waits for the rotation.
    expect(routine.requests.byEndpoint?.['team-members']).toBe(1);
    expect(await memberships()).not.toContain('2003->3002 contributor');
  });

  it.each<[string, FaultRule, RegExp]>([
    [
      'an error',
      { path: '/audit-logs/', kind: 'status', status: 500 },
      /^it could not be read: SentryRequestError: Sentry answered 500 for GET \/api\/0\/organizations\/acme\/audit-logs\//,
    ],
    [
      'a body that is not JSON',
      { path: '/audit-logs/', kind: 'malformed-json' },
      /^it could not be read: SentryResponseError: /,
    ],
    [
      'entries of the wrong shape',
      { path: '/audit-logs/', kind: 'invalid-items', items: 1 },
      /^Sentry's audit log sent 1 entry that could not be read, so it cannot show what changed$/,
    ],
  ])(
    'falls back on an audit log that answers %s, loses nothing, and reads those entries at the next run',
    async (_, fault, reason) => {
      const sentry = await environment.start({
        data: { organizations: [acmeOrganization()] },
      });
      const inviteId = await fullRunWithPendingInvite(sentry);
      const before = await dumpGraph(graph);
      changesTheCountsMiss(sentry, inviteId);
      sentry.setFaults([fault]);

      const broken = await routineRun(sentry, { sentry: { maxRetries: 0 } });
      expect(broken.errors).toEqual([]);
      expect(broken.status).toBe('succeeded');
      const use = broken.organizations[0].auditLog;
      expect(use?.read).toBe(false);
      if (use?.read !== false) throw new Error('unreachable');
      expect(use.reason).toMatch(reason);
      expect(broken.skipped).toContainEqual(
        expect.stringMatching(/^acme: the audit log: /) as string,
      );
      expectNoDeletion(broken);
      const afterBroken = await dumpGraph(graph);
      for (const edge of edges(before, 'MEMBER_OF'))
        expect(edges(afterBroken, 'MEMBER_OF')).toContain(edge);

      // A failed read leaves the start of the next one where it was.
      sentry.setFaults([]);
      const next = await routineRun(sentry);
      expect(next.organizations[0].auditLog).toMatchObject({ read: true });
      expect(await memberships()).toContain('2003->3002 contributor');
    },
  );
});
