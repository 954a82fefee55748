/*
 * The command line against other writers of the same graph, as separate
 * processes: the plugin's run in a test backend, and a command line killed
 * while it holds the lease.
 */
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import fs from 'node:fs';
import os from 'node:os';
import request from 'supertest';
import { sentryGraphPlugin } from '../plugin';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import {
  cliConfigFile,
  runCli,
  startCli,
  stopCliProcesses,
} from '../__testUtils__/cliProcess';
import { pluginTestConfig } from '../__testUtils__/pluginTestConfig';
import { runTestSync } from '../__testUtils__/syncHarness';
import { waitFor } from '../__testUtils__/waitFor';

const env = useAcmeEnvironment();
const { graph } = env;
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
// A command line a failed test left behind would take the next test's lease.
afterEach(() => stopCliProcesses());

/** The lease's holder once one holds it. */
const heldLease = () =>
  waitFor(async () => {
    const lease = await graph.store.lease.current();
    return lease?.holder ? lease : undefined;
  });

it('refuses to write while a plugin run holds the lease, naming that run, and with --wait runs after it', async () => {
  // The plugin's run answers its teams listing slowly: it holds the lease
  // meanwhile, long enough for a command line to start on a busy machine.
  env.sentry.setFaults([
    { path: '/teams/', kind: 'slow', delayMs: 10_000, times: 1 },
  ]);
  const backend = await startTestBackend({
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
  try {
    const accepted = await request(backend.server).post(
      '/api/sentry-graph/sync',
    );
    const runId: string = accepted.body.runId;
    expect((await heldLease()).owner?.runId).toBe(runId);
    const pluginRun = new RegExp(
      `the Backstage plugin on ${os.hostname()} \\(pid ${process.pid}, run ${runId}\\) since \\S+Z; ` +
        'its lease expires at \\S+Z \\(in \\d+ s\\) unless renewed',
    );

    const config = cliConfigFile(env.sentry.url);
    const waiting = startCli(['--config', config, '--wait']);
    const refused = await runCli(['--config', config]);
    // The plugin's run still holds the lease once the refused CLI has exited:
    // it did not wait (and it met the plugin's run, not started too late).
    expect((await graph.store.lease.current())?.owner?.runId).toBe(runId);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^Sync failed/);
    expect(refused.stdout).toMatch(
      new RegExp(
        `! Another writer holds the graph's lease: ${pluginRun.source}\\. This run wrote nothing`,
      ),
    );

    const waited = await waiting.exited;
    expect(waited.stderr).toMatch(
      new RegExp(
        `Waiting up to 1[78]\\d\\d s for the graph's lease, held by ${pluginRun.source}`,
      ),
    );
    expect(waited.code).toBe(0);
    // The plugin records its run's outcome after the run let go of the lease
    // (its summaries come first), so the waiting CLI may have finished before.
    const plugin = await waitFor(async () => {
      const res = await request(backend.server).get(
        `/api/sentry-graph/runs/${runId}`,
      );
      return res.body.status === 'running' ? undefined : res;
    });
    // The plugin's run was left alone, and the command line wrote after it.
    expect(plugin.body.status).toBe('succeeded');
    const tag = await graph.query<{ tag: number }>(
      "MATCH (o:SentryOrganization {slug: 'acme'}) RETURN o.lastupdated AS tag",
    );
    expect(tag[0].tag).toBeGreaterThan(plugin.body.result.updateTag);
  } finally {
    await backend.stop();
  }
});

it('takes over from a command line killed while it held the lease, once its lease expired', async () => {
  // The command line hangs on its teams listing, renewing a 3 s lease.
  env.sentry.setFaults([
    { path: '/teams/', kind: 'slow', delayMs: 30_000, times: 1 },
  ]);
  const cli = startCli([
    '--config',
    cliConfigFile(env.sentry.url, undefined, ['sync:', '  leaseTtl: 3s']),
  ]);
  const lease = await heldLease();
  expect(lease.owner?.kind).toBe('cli');
  await sleep(1_500);
  expect((await graph.store.lease.current())?.renewedAt).toBeGreaterThan(
    lease.acquiredAt!,
  );
  // The pid the lease names is the sync's own process: tsx runs it in a
  // child of its own. Never kill a process this test did not start.
  const pid = lease.owner!.pid;
  const parent = Number(
    fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1],
  );
  expect([pid, parent]).toContain(cli.child.pid);
  process.kill(pid, 'SIGKILL');
  const killedAt = Date.now();
  await cli.exited;

  const refused = await runTestSync(env.sentry, graph);
  expect(refused.status).toBe('failed');
  expect(refused.errors[0]).toMatch(
    new RegExp(
      `^Another writer holds the graph's lease: the command line on ${os.hostname()} \\(pid ${lease.owner!.pid}, run \\S+\\)`,
    ),
  );

  const expiry = (await graph.store.lease.current())!;
  await sleep(expiry.expiresAt! - expiry.now + 100);
  const next = await runTestSync(env.sentry, graph);
  expect(next.status).toBe('succeeded');
  // Within the TTL of its last renewal: at most 3 s after the kill.
  expect(Date.now() - killedAt).toBeLessThan(3_000 + 2_000);
  expect((await graph.store.lease.current())?.owner?.kind).toBe('plugin');
});
