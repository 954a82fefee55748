/**
 * @jest-environment node
 */
// The client against the real backend plugin (startTestBackend, the real
// scheduler, the tests' Neo4j and the Sentry sample server), not a fetch mock:
// hence this frontend test's imports of the backend plugin and sample server.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import {
  generateSampleData,
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import net, { type AddressInfo } from 'node:net';
import {
  RealBackends,
  rejection,
  waitForRun,
} from '../__testUtils__/realBackend';
import { testNeo4j, wipeTestNeo4j } from '../__testUtils__/testNeo4j';
import { errorMessage, retryAfterSeconds } from '../lib/errors';

// A real sync runs in each test.
jest.setTimeout(60_000);

let sentry: SampleServer;
const backends = new RealBackends();

beforeEach(async () => {
  await wipeTestNeo4j();
  // The smallest preset, one organization (acme) of it.
  sentry = await startSampleServer({
    data: generateSampleData({ preset: 'S', organizations: 1 }),
  });
});
afterEach(async () => {
  await backends.stopAll();
  await sentry.close();
});

/** A client for a real backend with the plugin on the sample server. */
const clientForBackend = (
  options: Parameters<RealBackends['client']>[1] = {},
) => backends.client(sentry.url, options);

describe('SentryGraphClient against the real backend', () => {
  it('reads health, status, runs and the summary, and starts a sync', async () => {
    const client = await clientForBackend();
    expect(await client.getHealth()).toEqual({
      status: 'ok',
      neo4j: { reachable: true },
      database: { reachable: true },
    });
    const before = await client.getStatus();
    expect(before.lastRun).toBeUndefined();
    expect(before.state).toBe('idle');

    const { runId, status } = await client.requestSync();
    expect(status).toBe('queued');
    const finished = await waitForRun(client, runId);
    expect(finished.status).toBe('succeeded');
    expect(finished.requestedBy).toBe('user:default/mock');
    expect(finished.result?.organizations.map(o => o.slug)).toEqual(['acme']);

    expect(finished.kind).toBe('full');

    const after = await client.getStatus();
    expect(after.lastSuccessfulRun?.id).toBe(runId);
    expect((await client.listRuns({ limit: 5 })).runs.map(r => r.id)).toEqual([
      runId,
    ]);
    // `before` pages past the only run: nothing older.
    expect((await client.listRuns({ before: runId })).runs).toEqual([]);

    const { organizations } = await client.getSummary();
    expect(organizations.map(o => o.organization.slug)).toEqual(['acme']);
    expect(organizations[0].nodes.SentryTeam).toBeGreaterThan(0);
    expect(organizations[0].organization.url).toBe(
      `${sentry.url}/organizations/acme/`,
    );
    expect(
      (await client.getSummary({ organization: 'acme' })).organizations,
    ).toHaveLength(1);

    // After a full run, a routine run is one when asked for.
    const routine = await client.requestSync({ mode: 'routine' });
    const routineRun = await waitForRun(client, routine.runId);
    expect(routineRun).toMatchObject({
      status: 'succeeded',
      kind: 'routine',
      requestedKind: 'routine',
    });
  });

  it('turns refusals into ResponseErrors with the status, the message and Retry-After', async () => {
    const client = await clientForBackend({
      config: { manualRunMinimumInterval: { minutes: 10 } },
    });
    await waitForRun(client, (await client.requestSync()).runId);

    const tooSoon = await rejection(client.requestSync());
    expect(tooSoon.statusCode).toBe(429);
    expect(retryAfterSeconds(tooSoon)).toBeGreaterThan(500);
    expect(tooSoon.cause.message).toMatch(/try again in \d+ s/);

    const missing = await rejection(
      client.getRun('00000000-0000-4000-8000-000000000000'),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.cause.name).toBe('NotFoundError');

    const badSlug = await rejection(
      client.getSummary({ organization: 'Not A Slug' }),
    );
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.cause.name).toBe('InputError');
  });

  it("gets the backend's 503 saying Neo4j cannot be reached, as the card shows it, when nothing listens on Neo4j's port", async () => {
    const client = await clientForBackend({
      config: {
        neo4j: { ...testNeo4j, uri: `bolt://127.0.0.1:${await closedPort()}` },
      },
    });
    const unavailable = await rejection(client.getSummary());
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.cause.name).toBe('ServiceUnavailableError');
    expect(errorMessage(unavailable)).toMatch(
      /^Neo4j at bolt:\/\/127\.0\.0\.1:\d+ cannot be reached \(.+\); check sentryGraph\.neo4j\.uri and that this host can reach it \(HTTP 503\)$/,
    );
    expect(errorMessage(unavailable)).not.toContain(testNeo4j.password);
  });

  it('gets a 403 when the permission policy denies the sync', async () => {
    const client = await clientForBackend({ deny: true });
    const denied = await rejection(client.requestSync());
    expect(denied.statusCode).toBe(403);
    expect(denied.cause.name).toBe('NotAllowedError');
  });
});

/** A loopback port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}
