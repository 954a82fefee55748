// The API client against the real backend plugin (startTestBackend, the
// real scheduler, the tests' Neo4j), for the client's tests: hence this
// frontend helper's imports of the backend plugin.
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
import type { JsonObject } from '@backstage/types';
import type { AddressInfo } from 'node:net';
import { SentryGraphClient } from '../api/SentryGraphClient';
import { testNeo4j } from './testNeo4j';

/** The plugin on a Sentry at `sentryUrl` and the tests' Neo4j; runs only when asked. */
export function pluginConfig(
  sentryUrl: string,
  overrides: JsonObject = {},
): JsonObject {
  return {
    sentryGraph: {
      sentry: { baseUrl: sentryUrl, token: 'sample-token' },
      neo4j: testNeo4j,
      schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 5 } },
      manualRunMinimumInterval: { seconds: 0 },
      catalog: { enabled: false },
      ...overrides,
    },
  };
}

/** Real backends started by a test file, stopped together after each test. */
export class RealBackends {
  private readonly running: Array<{ stop(): Promise<void> }> = [];

  /** A client for a new backend with the plugin, calling as a signed-in user. */
  async client(
    sentryUrl: string,
    options: { config?: JsonObject; deny?: boolean } = {},
  ): Promise<SentryGraphClient> {
    const backend = await startTestBackend({
      features: [
        sentryGraphBackendPlugin,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: pluginConfig(sentryUrl, options.config),
        }),
        ...(options.deny
          ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
          : []),
      ],
    });
    this.running.push(backend);
    const { port } = backend.server.address() as AddressInfo;
    return new SentryGraphClient({
      discoveryApi: {
        getBaseUrl: async pluginId =>
          `http://127.0.0.1:${port}/api/${pluginId}`,
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

  async stopAll(): Promise<void> {
    await Promise.all(this.running.splice(0).map(b => b.stop()));
  }
}

/** The run once it ended (polled every 100 ms, for 30 s at most). */
export async function waitForRun(client: SentryGraphClient, id: string) {
  for (let i = 0; i < 300; i++) {
    const run = await client.getRun(id);
    if (run.status !== 'queued' && run.status !== 'running') return run;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`run ${id} did not finish`);
}

/** A full sync, asked for and waited for. */
export async function syncAndWait(client: SentryGraphClient) {
  return waitForRun(client, (await client.requestSync()).runId);
}

/** What a promise is rejected with, which must be a ResponseError. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<ResponseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!ResponseError.is(error))
    throw new Error(`expected a ResponseError, got ${error}`);
  return error;
}
