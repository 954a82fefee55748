/*
 * The plugin publishes its runs through OpenTelemetry's metrics API, as
 * Backstage's scheduler and catalog do: a host with an SDK (here a
 * MeterProvider exporting to memory) reads runs, durations, Sentry's
 * requests and waits, the graph's writes, the worker's heap and the last
 * success's age, each matching what the run itself recorded.
 */
import type { JsonObject } from '@backstage/types';
import {
  runTotals,
  type RunRecord,
  type SyncRunResult,
} from '@sentry-graph/plugin-sentry-graph-common';
import request from 'supertest';
import { acmeOrganization } from './__testUtils__/acmeFixture';
import { useAcmeEnvironment } from './__testUtils__/acmeEnvironment';
import { usePluginBackends } from './__testUtils__/pluginBackends';
import { runToTheEnd } from './__testUtils__/pluginRuns';
import { testNeo4jConnection } from './__testUtils__/testGraph';
import {
  useTestMeterProvider,
  type CollectedMetrics,
} from './__testUtils__/testMetrics';
import { waitFor } from './__testUtils__/waitFor';
import { setTestOnlyWorkerFault } from './worker/testOnlyWorkerFault';

const environment = useAcmeEnvironment();
const backends = usePluginBackends();
const meters = useTestMeterProvider();

async function startBackend(overrides: JsonObject = {}) {
  const { backend } = await backends.start(environment.sentry.url, overrides);
  return backend;
}

const RUNS = 'sentry_graph.sync.runs.count';
const DURATION = 'sentry_graph.sync.runs.duration';
const REQUESTS = 'sentry_graph.sentry.requests.count';
const WAITS = 'sentry_graph.sentry.rate_limit.waits.count';
const WAIT_TIME = 'sentry_graph.sentry.rate_limit.waits.duration';
const WRITTEN = 'sentry_graph.graph.written.count';
const DELETED = 'sentry_graph.graph.deleted.count';
const HEAP_PEAK = 'sentry_graph.sync.worker.heap.peak';
const HEAP_LIMIT = 'sentry_graph.sync.worker.heap.limit';
const LAST_SUCCESS_AGE = 'sentry_graph.sync.last_success.age';

/** Requests by endpoint, summed over their answers' statuses. */
function requestsByEndpoint(collected: CollectedMetrics) {
  const byEndpoint: Record<string, number> = {};
  for (const { attributes, value } of collected.readings(REQUESTS)) {
    const endpoint = String(attributes.endpoint);
    byEndpoint[endpoint] = (byEndpoint[endpoint] ?? 0) + value;
  }
  return byEndpoint;
}

/** The result's figures summed over the runs, the way the counters add them up. */
function totalsOf(results: SyncRunResult[]) {
  const sum = { written: 0, deleted: 0 };
  for (const totals of results.map(runTotals)) {
    sum.written += totals.written;
    sum.deleted += totals.deleted;
  }
  return sum;
}

function resultOf(run: RunRecord): SyncRunResult {
  if (!run.result) throw new Error(`run ${run.id} has no result`);
  return run.result;
}

describe('the metrics of a successful run', () => {
  it('match what the run recorded: its status and duration, its Sentry requests and waits, its writes and deletions, its heap, and the last success’s age', async () => {
    // A 429 that makes the client wait a second for the window, and a 503 it retries.
    environment.sentry.setFaults([
      {
        path: '/organizations/acme/members/',
        kind: 'rate-limit',
        resetInSeconds: 1,
        times: 1,
      },
      {
        path: '/organizations/acme/teams/',
        kind: 'status',
        status: 503,
        times: 1,
      },
    ]);
    const backend = await startBackend();
    // No run has succeeded yet: the age has no value to give.
    expect((await meters.collect()).readings(LAST_SUCCESS_AGE)).toEqual([]);

    const startedAt = Date.now();
    const first = await runToTheEnd(backend.server);
    const elapsedS = (Date.now() - startedAt) / 1000;
    expect(first.status).toBe('succeeded');
    const result = resultOf(first);

    const collectedAt = Date.now();
    let collected = await meters.collect();
    const collectedBy = Date.now();
    expect(collected.readings(RUNS)).toEqual([
      {
        attributes: { kind: 'full', trigger: 'manual', status: 'succeeded' },
        value: 1,
      },
    ]);
    const duration = collected.histogram(DURATION, { status: 'succeeded' });
    expect(duration.count).toBe(1);
    expect(duration.sum).toBeGreaterThanOrEqual(result.durationMs / 1000);
    expect(duration.sum).toBeLessThanOrEqual(elapsedS);

    // Every request the result counts, by the endpoint it counts it under.
    expect(requestsByEndpoint(collected)).toEqual(result.requests.byEndpoint);
    expect(collected.sum(REQUESTS, { status: '429' })).toBe(1);
    expect(result.requests.rateLimited).toBe(1);
    expect(collected.sum(REQUESTS, { endpoint: 'teams', status: '503' })).toBe(
      1,
    );
    expect(collected.sum(REQUESTS, { status: '200' })).toBe(
      result.requests.requests - 2,
    );
    // The 429's reset a second ahead: the members' listing waited for it.
    expect(collected.sum(WAITS, { endpoint: 'members' })).toBeGreaterThan(0);
    expect(collected.sum(WAIT_TIME)).toBeCloseTo(
      result.requests.budgetWaitMs / 1000,
      6,
    );
    expect(collected.sum(WAIT_TIME)).toBeGreaterThan(0.5);

    const totals = totalsOf([result]);
    expect(totals.written).toBeGreaterThan(0);
    expect(collected.sum(WRITTEN)).toBe(totals.written);
    expect(collected.sum(WRITTEN, { syncKind: 'members' })).toBe(
      result.organizations[0].kinds.members?.written,
    );
    expect(collected.sum(DELETED)).toBe(0);

    const [peak] = collected.readings(HEAP_PEAK);
    const [limit] = collected.readings(HEAP_LIMIT);
    expect(peak.value).toBeGreaterThan(0);
    // sentryGraph.sync.maxHeapMb's default, 512, plus V8's young generation.
    expect(limit.value).toBeGreaterThan(512);
    expect(peak.value).toBeLessThan(limit.value);

    // Seconds since the run's end, as the run history has it.
    const finishedAt = Date.parse(String(first.finishedAt));
    const [age] = collected.readings(LAST_SUCCESS_AGE);
    expect(age.value).toBeGreaterThanOrEqual((collectedAt - finishedAt) / 1000);
    expect(age.value).toBeLessThanOrEqual((collectedBy - finishedAt) / 1000);

    // A release gone from Sentry: the next run deletes it, and the counters add up both runs.
    const acme = acmeOrganization();
    environment.sentry.setData({
      organizations: [{ ...acme, releases: acme.releases.slice(1) }],
    });
    const second = await runToTheEnd(backend.server);
    expect(second.status).toBe('succeeded');
    collected = await meters.collect();
    const both = totalsOf([result, resultOf(second)]);
    expect(both.deleted).toBeGreaterThan(0);
    expect(collected.sum(DELETED)).toBe(both.deleted);
    expect(collected.sum(DELETED, { syncKind: 'releases' })).toBe(
      resultOf(second).organizations[0].kinds.releases?.deleted,
    );
    expect(collected.sum(WRITTEN)).toBe(both.written);
    expect(collected.sum(RUNS, { status: 'succeeded' })).toBe(2);

    // Low cardinality and no secrets: endpoint names and statuses, never paths or tokens.
    const attributes = JSON.stringify(
      collected.all.map(metric =>
        metric.dataPoints.map(point => point.attributes),
      ),
    );
    expect(attributes).not.toMatch(/sample-token|\/api\/0|cursor/);
    expect(attributes).not.toContain(testNeo4jConnection().password);
    for (const { attributes: series } of collected.readings(REQUESTS)) {
      expect(String(series.status)).toMatch(/^(\d{3}|none)$/);
      expect(String(series.endpoint)).toMatch(/^[a-z-]+$/);
    }
    await backend.stop();
  });
});

describe('the metrics of a run that does not succeed', () => {
  it('count a run that Sentry refuses (401) as failed, with its 401s, and no last success', async () => {
    const backend = await startBackend({
      sentry: {
        baseUrl: environment.sentry.url,
        token: 'sntryu_not-a-token-this-server-knows',
        organizations: ['acme'],
      },
    });
    const run = await runToTheEnd(backend.server);
    expect(run.status).toBe('failed');
    const result = resultOf(run);

    const collected = await meters.collect();
    expect(collected.readings(RUNS)).toEqual([
      {
        attributes: { kind: 'full', trigger: 'manual', status: 'failed' },
        value: 1,
      },
    ]);
    expect(collected.histogram(DURATION, { status: 'failed' }).count).toBe(1);
    expect(result.requests.requests).toBeGreaterThan(0);
    expect(collected.sum(REQUESTS, { status: '401' })).toBe(
      result.requests.requests,
    );
    expect(requestsByEndpoint(collected)).toEqual(result.requests.byEndpoint);
    expect(collected.sum(WRITTEN)).toBe(0);
    expect(collected.readings(LAST_SUCCESS_AGE)).toEqual([]);
    expect(JSON.stringify(collected.all)).not.toContain('not-a-token');
    await backend.stop();
  });

  it('count a run whose worker crashed as failed, with its duration', async () => {
    const backend = await startBackend();
    setTestOnlyWorkerFault('throw-at-first-page');
    const run = await runToTheEnd(backend.server);
    expect(run.status).toBe('failed');

    const collected = await meters.collect();
    expect(collected.sum(RUNS, { status: 'failed' })).toBe(1);
    expect(collected.sum(RUNS)).toBe(1);
    const duration = collected.histogram(DURATION, { status: 'failed' });
    expect(duration.count).toBe(1);
    expect(duration.sum).toBeGreaterThan(0);
    await backend.stop();
  });

  it('count a run the scheduler started within the minimum interval as skipped', async () => {
    const backend = await startBackend({
      manualRunMinimumInterval: { hours: 1 },
    });
    const trigger = () =>
      request(backend.server).post(
        '/api/sentry-graph/.backstage/scheduler/v1/tasks/sentry-graph:sync/trigger',
      );
    expect((await trigger()).status).toBe(200);
    await waitFor(async () =>
      (await meters.collect()).sum(RUNS, { status: 'succeeded' }) === 1
        ? true
        : undefined,
    );
    // The scheduler may still be ending the first run's task: it answers 409 until then.
    await waitFor(async () =>
      (await trigger()).status === 200 ? true : undefined,
    );
    const skipped = await waitFor(async () => {
      const readings = (await meters.collect()).readings(RUNS, {
        status: 'skipped',
      });
      return readings.length > 0 ? readings : undefined;
    });
    // The kind the schedule had planned: routine, after the full run.
    expect(skipped).toEqual([
      {
        attributes: {
          kind: 'routine',
          trigger: 'scheduled',
          status: 'skipped',
        },
        value: 1,
      },
    ]);
    await backend.stop();
  });

  it('count each run under the kind it was: a routine run asked for on a new graph as full, the next as routine', async () => {
    const backend = await startBackend();
    const first = await runToTheEnd(backend.server, undefined, 'routine');
    expect([first.requestedKind, first.kind]).toEqual(['routine', 'full']);
    const second = await runToTheEnd(backend.server, undefined, 'routine');
    expect([second.requestedKind, second.kind]).toEqual(['routine', 'routine']);
    const collected = await meters.collect();
    expect(collected.readings(RUNS)).toEqual(
      expect.arrayContaining([
        {
          attributes: { kind: 'full', trigger: 'manual', status: 'succeeded' },
          value: 1,
        },
        {
          attributes: {
            kind: 'routine',
            trigger: 'manual',
            status: 'succeeded',
          },
          value: 1,
        },
      ]),
    );
    expect(collected.readings(RUNS)).toHaveLength(2);
    expect(collected.histogram(DURATION, { kind: 'routine' }).count).toBe(1);
  });
});
