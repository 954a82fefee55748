/**
 * @jest-environment node
 */
// The client against the real backend plugin (startTestBackend, the real
// scheduler, the tests' Neo4j and the Sentry sample server), not a fetch mock:
// hence this frontend test's imports of the backend plugin and sample server.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import sentryGraphBackendPlugin from '@sentry-graph/plugin-sentry-graph-backend';
import {
  generateSampleData,
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import type { JsonObject } from '@backstage/types';
import net, { type AddressInfo } from 'node:net';
import { testNeo4j, wipeTestNeo4j } from '../__testUtils__/testNeo4j';
import { errorMessage, retryAfterSeconds } from '../lib/errors';
import { SentryGraphClient } from './SentryGraphClient';

// A real sync runs in each test.
jest.setTimeout(60_000);

let sentry: SampleServer;
const backends: Array<{ stop(): Promise<void> }> = [];

beforeEach(async () => {
  await wipeTestNeo4j();
  // The smallest preset, one organization (acme) of it.
  sentry = await startSampleServer({
    data: generateSampleData({ preset: 'S', organizations: 1 }),
  });
});
afterEach(async () => {
  await Promise.all(backends.splice(0).map(b => b.stop()));
  await sentry.close();
});

/** The plugin on the sample server and the tests' Neo4j; runs only when asked. */
function pluginConfig(overrides: JsonObject = {}): JsonObject {
  return {
    sentryGraph: {
      sentry: { baseUrl: sentry.url, token: 'sample-token' },
      neo4j: testNeo4j,
      schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 5 } },
      manualRunMinimumInterval: { seconds: 0 },
      catalog: { enabled: false },
      ...overrides,
    },
  };
}

/** A client for a real backend with the plugin, calling as a signed-in user. */
async function clientForBackend(
  options: { config?: JsonObject; deny?: boolean } = {},
) {
  const backend = await startTestBackend({
    features: [
      sentryGraphBackendPlugin,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: pluginConfig(options.config),
      }),
      ...(options.deny
        ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
        : []),
    ],
  });
  backends.push(backend);
  const { port } = backend.server.address() as AddressInfo;
  return new SentryGraphClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://127.0.0.1:${port}/api/${pluginId}`,
    },
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { Authorization: mockCredentials.user.header() },
        }),
    },
  });
}

async function waitForRun(client: SentryGraphClient, id: string) {
  for (let i = 0; i < 300; i++) {
    const run = await client.getRun(id);
    if (run.status !== 'queued' && run.status !== 'running') return run;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`run ${id} did not finish`);
}

async function rejection(promise: Promise<unknown>): Promise<ResponseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ResponseError.is(error))
    throw new Error(`expected a ResponseError, got ${error}`);
  return error;
}

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
