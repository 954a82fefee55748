/*
 * Routine runs through the plugin (issue 20): POST /sync?mode=, the kind
 * the schedule picks by sentryGraph.schedule.fullEvery, what the run
 * history, /runs/{id} and /status say of kinds, and a routine run that the
 * engine turns full after a schema upgrade.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { AuditorService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  RunRecord,
  RunSummary,
} from '@sentry-graph/plugin-sentry-graph-common';
import request from 'supertest';
import { GRAPH_SCHEMA_VERSION } from './graph/schema';
import { useAcmeEnvironment } from './__testUtils__/acmeEnvironment';
import { openApiMismatches } from './__testUtils__/openApi';
import { usePluginBackends } from './__testUtils__/pluginBackends';
import { runEnded, runToTheEnd, type Server } from './__testUtils__/pluginRuns';
import { waitFor } from './__testUtils__/waitFor';

const env = useAcmeEnvironment();
const backends = usePluginBackends();

interface AuditRecord {
  eventId: string;
  meta?: JsonObject;
  outcome?: 'success' | 'fail';
  outcomeMeta?: JsonObject;
}

async function startBackend(
  options: {
    config?: JsonObject;
    deny?: boolean;
    audit?: AuditRecord[];
  } = {},
) {
  const { audit } = options;
  const auditor: Partial<AuditorService> = {
    createEvent: async event => {
      const record: AuditRecord = { eventId: event.eventId, meta: event.meta };
      audit?.push(record);
      return {
        success: async params => {
          record.outcome = 'success';
          record.outcomeMeta = params?.meta;
        },
        fail: async params => {
          record.outcome = 'fail';
          record.outcomeMeta = params.meta;
        },
      };
    },
  };
  const { server, knex } = await backends.start(
    env.sentry.url,
    options.config ?? {},
    [
      mockServices.auditor.mock(auditor).factory,
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  );
  return { server, knex };
}

/** A schedule that runs only when triggered, with `fullEvery`. */
const triggeredWith = (fullEvery: JsonObject) => ({
  schedule: {
    frequency: { trigger: 'manual' },
    timeout: { minutes: 5 },
    fullEvery,
  },
});

/** What a run was: its trigger and status, the kind asked for and the kind it was. */
const kindsOf = (run: RunSummary) => [
  run.trigger,
  run.status,
  run.requestedKind,
  run.kind,
];

const TRIGGER =
  '/api/sentry-graph/.backstage/scheduler/v1/tasks/sentry-graph:sync/trigger';

/** A run started by the scheduler's own trigger route (trigger `scheduled`), once it has ended. */
async function scheduledRunToTheEnd(server: Server): Promise<RunRecord> {
  const before = await newestRun(server);
  // The scheduler may still be ending the previous run's task: 409 until then.
  await waitFor(async () =>
    (await request(server).post(TRIGGER)).status === 200 ? true : undefined,
  );
  const started = await waitFor(async () => {
    const newest = await newestRun(server);
    return newest && newest.id !== before?.id ? newest : undefined;
  });
  return runEnded(server, started.id);
}

async function newestRun(server: Server): Promise<RunSummary | undefined> {
  const res = await request(server).get('/api/sentry-graph/runs?limit=1');
  return res.body.runs[0];
}

function conforms(method: string, route: string, res: request.Response) {
  expect(openApiMismatches(method, route, res)).toEqual([]);
}

describe('POST /sync?mode=', () => {
  it('runs a routine run after a full one: the run history, /runs/{id} and /status say which kind each was, and what the routine run skipped', async () => {
    const { server } = await startBackend();
    const full = await runToTheEnd(server);
    expect(full).toMatchObject({
      status: 'succeeded',
      kind: 'full',
      requestedKind: 'full',
      result: { kind: 'full' },
    });
    expect(full.result?.kindReason).toMatch(
      /^a full run, asked for by user:default\/mock with POST \/sync\?mode=full$/,
    );

    const accepted = await request(server).post(
      '/api/sentry-graph/sync?mode=routine',
    );
    conforms('POST', '/sync', accepted);
    expect(accepted.status).toBe(202);
    const routine = await runEnded(server, accepted.body.runId);
    expect(routine).toMatchObject({
      trigger: 'manual',
      status: 'succeeded',
      kind: 'routine',
      requestedKind: 'routine',
      result: { kind: 'routine' },
    });
    const result = routine.result!;
    expect(result.skipped).toEqual(
      expect.arrayContaining([expect.stringMatching(/^acme: /)]),
    );
    expect(result.requests.byEndpoint?.members).toBeGreaterThan(0);
    // Cheaper than the full run, which read every listing.
    expect(result.requests.requests).toBeLessThan(
      full.result!.requests.requests,
    );
    const details = await request(server).get(
      `/api/sentry-graph/runs/${routine.id}`,
    );
    conforms('GET', '/runs/{id}', details);

    const runs = await request(server).get('/api/sentry-graph/runs');
    conforms('GET', '/runs', runs);
    expect(
      runs.body.runs.map((r: RunSummary) => [r.id, r.kind, r.requestedKind]),
    ).toEqual([
      [routine.id, 'routine', 'routine'],
      [full.id, 'full', 'full'],
    ]);
    const status = await request(server).get('/api/sentry-graph/status');
    conforms('GET', '/status', status);
    expect(status.body).toMatchObject({
      lastRun: { id: routine.id, kind: 'routine' },
      lastSuccessfulRun: { id: routine.id },
      lastFullRun: { id: full.id, kind: 'full' },
    });
    // The test schedule is `trigger: manual`: no scheduled run is due, full or not.
    expect(status.body).not.toHaveProperty('nextFullRunDue');
  });

  it('answers 400 in Backstage’s error shape for any other mode, queuing nothing', async () => {
    const { server, knex } = await startBackend();
    for (const query of ['mode=FULL', 'mode=', 'mode=full&mode=routine']) {
      const res = await request(server).post(`/api/sentry-graph/sync?${query}`);
      conforms('POST', '/sync', res);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error).toEqual({
        name: 'InputError',
        message:
          'Invalid query: mode must be one of full, routine (default full)',
      });
    }
    expect(await knex('sentry_graph_sync_runs').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
  });

  it('asks the same permission as a full run, and records the mode in the audit record', async () => {
    const audit: AuditRecord[] = [];
    const denied = await startBackend({ deny: true, audit });
    const refused = await request(denied.server).post(
      '/api/sentry-graph/sync?mode=routine',
    );
    expect(refused.status).toBe(403);
    expect(audit).toEqual([
      {
        eventId: 'sync-run',
        meta: { mode: 'routine' },
        outcome: 'fail',
        outcomeMeta: { mode: 'routine' },
      },
    ]);

    audit.length = 0;
    const { server } = await startBackend({ audit });
    const accepted = await request(server)
      .post('/api/sentry-graph/sync?mode=routine')
      .expect(202);
    expect(audit).toEqual([
      {
        eventId: 'sync-run',
        meta: { mode: 'routine' },
        outcome: 'success',
        outcomeMeta: {
          runId: accepted.body.runId,
          requestedBy: 'user:default/mock',
          mode: 'routine',
        },
      },
    ]);
    await runEnded(server, accepted.body.runId);
  });

  it('keeps the minimum interval between manual runs whatever their mode', async () => {
    const { server } = await startBackend({
      config: { manualRunMinimumInterval: { minutes: 5 } },
    });
    await runToTheEnd(server, undefined, 'routine');
    const again = await request(server).post(
      '/api/sentry-graph/sync?mode=full',
    );
    conforms('POST', '/sync', again);
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(250);
  });
});

describe('the kind of a scheduled run', () => {
  it('is full first, then routine within fullEvery of it; the schedule says why', async () => {
    const { server } = await startBackend({
      config: triggeredWith({ hours: 24 }),
    });
    const first = await scheduledRunToTheEnd(server);
    expect(kindsOf(first)).toEqual(['scheduled', 'succeeded', 'full', 'full']);
    expect(first.result?.kindReason).toBe(
      'a full run was due: the run history holds no full run that succeeded or was partial',
    );
    const second = await scheduledRunToTheEnd(server);
    expect(kindsOf(second)).toEqual([
      'scheduled',
      'succeeded',
      'routine',
      'routine',
    ]);
    expect(second.result?.kindReason).toMatch(
      /^a routine run: the last full run started \d+ s ago, the next is due in 23 h 5\d min \(sentryGraph\.schedule\.fullEvery: 24 h\)$/,
    );
  });

  it('is full every time with fullEvery 0', async () => {
    const { server } = await startBackend({
      config: triggeredWith({ seconds: 0 }),
    });
    await scheduledRunToTheEnd(server);
    const second = await scheduledRunToTheEnd(server);
    expect(kindsOf(second)).toEqual(['scheduled', 'succeeded', 'full', 'full']);
    expect(second.result?.kindReason).toMatch(/^a full run was due: /);
  });

  it('becomes full when routine right after a schema upgrade, and the run says why', async () => {
    const { server } = await startBackend();
    const full = await scheduledRunToTheEnd(server);
    expect(full.kind).toBe('full');
    // What a graph written by an older version of the plugin holds.
    await env.graph.store.write(
      'MATCH (o:SentryOrganization {slug: "acme"}) SET o.sync_schema = 0',
      {},
    );
    const upgraded = await scheduledRunToTheEnd(server);
    expect(kindsOf(upgraded)).toEqual([
      'scheduled',
      'succeeded',
      'routine',
      'full',
    ]);
    expect(upgraded.result?.kind).toBe('full');
    expect(upgraded.result?.kindReason).toBe(
      `a routine run became full (acme: its last full run wrote graph schema version 0, and this version writes ${GRAPH_SCHEMA_VERSION})`,
    );
    expect(upgraded.result?.skipped).toBeUndefined();
    const [row] = await env.graph.query<{ version: number }>(
      'MATCH (o:SentryOrganization {slug: "acme"}) RETURN o.sync_schema AS version',
    );
    expect(Number(row.version)).toBe(GRAPH_SCHEMA_VERSION);
    // So the next scheduled run is routine again.
    const next = await scheduledRunToTheEnd(server);
    expect(kindsOf(next)).toEqual([
      'scheduled',
      'succeeded',
      'routine',
      'routine',
    ]);
    const status = await request(server).get('/api/sentry-graph/status');
    expect(status.body.lastFullRun.id).toBe(upgraded.id);
  });

  it('tells in /status when the next full run is due: the next start, before any full run', async () => {
    const { server } = await startBackend({
      config: {
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 10 },
          fullEvery: { hours: 6 },
        },
      },
    });
    const status = await waitFor(async () => {
      const res = await request(server).get('/api/sentry-graph/status');
      return res.body.nextRunAt ? res : undefined;
    });
    conforms('GET', '/status', status);
    expect(status.body.nextFullRunDue).toBe(status.body.nextRunAt);
    expect(status.body).not.toHaveProperty('lastFullRun');
  });
});
