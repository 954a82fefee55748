/*
 * The token and the password cross to the worker at its start and never
 * back: not in the result, a log record or an error, even where the engine
 * itself would write them (an organization slug, a database name taken
 * from a secret, which the engine quotes in its messages).
 */
import {
  acmeOrganization,
  type FixtureOrganization,
} from '../__testUtils__/acmeFixture';
import { openTestGraph, testNeo4jConnection } from '../__testUtils__/testGraph';
import {
  ALL_SCOPES,
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import { randomBytes } from 'node:crypto';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from '../sync/context';
import {
  workerTestSync,
  type WorkerTestSync,
} from './__testUtils__/workerSync';

// Lowercase hex: a token that could also be an organization slug.
const TOKEN = `sntrys${randomBytes(12).toString('hex')}`;
const graph = openTestGraph();
let sentry: SampleServer;

beforeAll(async () => {
  const acme: FixtureOrganization = acmeOrganization();
  sentry = await startSampleServer({
    data: { organizations: [acme] },
    tokens: [{ token: TOKEN, scopes: [...ALL_SCOPES] }],
  });
});
beforeEach(() => graph.wipe());
afterAll(async () => {
  await sentry.close();
  await graph.close();
});

/** Every text the plugin's side got from the run. */
const texts = ({ result, logs }: WorkerTestSync) =>
  [JSON.stringify(result), ...logs.texts()].join('\n');

describe('the secrets a worker is given', () => {
  it('never come back, even in what the engine writes about an organization named like the token', async () => {
    const run = await workerTestSync(sentry, {
      sentry: { baseUrl: sentry.url, token: TOKEN, retryBaseDelayMs: 20 },
      engine: { ...DEFAULT_SYNC_ENGINE_OPTIONS, organizations: [TOKEN] },
    });
    expect(run.result.status).toBe('failed');
    // It was there to leak: the engine names the organization it could not read.
    expect(run.result.errors[0]).toMatch(/^\[redacted\] organization: /);
    expect(texts(run)).not.toContain(TOKEN);
  });

  it('never come back, even in what Neo4j says about a database named like the password', async () => {
    const { password } = testNeo4jConnection();
    const run = await workerTestSync(sentry, {
      sentry: { baseUrl: sentry.url, token: TOKEN, retryBaseDelayMs: 20 },
      neo4j: { ...testNeo4jConnection(), database: password },
    });
    expect(run.result.status).toBe('failed');
    expect(run.result.errors.join('\n')).toContain('[redacted]');
    expect(texts(run)).not.toContain(password);
  });
});
