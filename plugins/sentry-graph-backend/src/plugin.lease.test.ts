/*
 * Two deployments of the plugin, each with a database of its own (so no
 * scheduler lock between them), writing one Neo4j: the graph's lease lets
 * one write at a time, and the other's run history says who held it.
 */
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import os from 'node:os';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';
import { useAcmeEnvironment } from './__testUtils__/acmeEnvironment';
import { pluginTestConfig } from './__testUtils__/pluginTestConfig';
import { waitFor } from './__testUtils__/waitFor';

const env = useAcmeEnvironment();
const { graph } = env;
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function startDeployment() {
  return startTestBackend({
    features: [
      sentryGraphPlugin,
      schedulerServiceFactory,
      mockServices.database.factory({
        knex: await databases.init('SQLITE_3'),
      }),
      mockServices.rootConfig.factory({
        data: pluginTestConfig(env.sentry.url),
      }),
    ],
  });
}

type Server = Parameters<typeof request>[0];

async function startRun(server: Server): Promise<string> {
  const accepted = await request(server).post('/api/sentry-graph/sync');
  expect(accepted.status).toBe(202);
  return accepted.body.runId;
}

function runEnd(server: Server, runId: string) {
  return waitFor(async () => {
    const res = await request(server).get(`/api/sentry-graph/runs/${runId}`);
    return ['queued', 'running'].includes(res.body.status)
      ? undefined
      : res.body;
  });
}

it('lets one of two deployments on one Neo4j write at a time; the other records who held the lease', async () => {
  // The first run's teams listing is slow: it holds the lease meanwhile,
  // longer than the scheduler takes to start the other's run (it looks for
  // triggered tasks every 5 s).
  env.sentry.setFaults([
    { path: '/teams/', kind: 'slow', delayMs: 10_000, times: 1 },
  ]);
  const [a, b] = await Promise.all([startDeployment(), startDeployment()]);
  try {
    const first = await startRun(a.server);
    await waitFor(async () =>
      (await graph.store.lease.current())?.owner?.runId === first
        ? true
        : undefined,
    );

    const refused = await runEnd(b.server, await startRun(b.server));
    expect(refused.status).toBe('failed');
    expect(refused.errorSummary).toMatch(
      new RegExp(
        `^Another writer holds the graph's lease: the Backstage plugin on ${os.hostname()} ` +
          `\\(pid ${process.pid}, run ${first}\\) since \\S+Z; its lease expires at \\S+Z \\(in \\d+ s\\) unless renewed\\. ` +
          'This run wrote nothing',
      ),
    );
    // B's database knows nothing of A's run: only the lease told it.
    expect(
      (await request(b.server).get(`/api/sentry-graph/runs/${first}`)).status,
    ).toBe(404);

    const done = await runEnd(a.server, first);
    expect(done.status).toBe('succeeded');
    expect(
      (await request(a.server).get(`/api/sentry-graph/runs/${first}`)).body
        .result.updateTag,
    ).toBe(done.result.updateTag);

    // Once A let go, B's next run writes, after A.
    const second = await runEnd(b.server, await startRun(b.server));
    expect(second.status).toBe('succeeded');
    expect(second.result.updateTag).toBeGreaterThan(done.result.updateTag);
    expect(
      await graph.query(
        "MATCH (o:SentryOrganization {slug: 'acme'}) RETURN o.lastupdated AS tag",
      ),
    ).toEqual([{ tag: second.result.updateTag }]);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

it('takes over at once a lease that a run of its own history left behind, ended without releasing it', async () => {
  const backend = await startDeployment();
  try {
    const ended = await runEnd(backend.server, await startRun(backend.server));
    expect(ended.status).toBe('succeeded');
    // As if that run could not release its lease: Neo4j was gone at its end.
    await graph.store.write(
      "MATCH (l:SentryGraphLease) SET l.holder = 'left-over', l.owner_kind = 'plugin', " +
        'l.owner_run_id = $runId, l.expires_at = timestamp() + 60000, l.released_at = null',
      { runId: ended.id },
    );

    const next = await runEnd(backend.server, await startRun(backend.server));
    expect([next.status, next.errorSummary]).toEqual(['succeeded', undefined]);
    expect((await graph.store.lease.current())?.owner?.runId).toBe(next.id);
  } finally {
    await backend.stop();
  }
});
