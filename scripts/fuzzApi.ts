/*
 * Fuzzes the REST API from its OpenAPI document with Schemathesis (run by
 * scripts/fuzz.sh, which installs it): the dev backend with a valid token,
 * on the tests' Neo4j and a Sentry sample server, after one sync so that
 * the history holds a run. Passes when no answer is a 5xx, every answer
 * matches the document, and every malformed query, path or body is refused
 * with a 400 in Backstage's error shape. Bounded in time.
 *
 *   scripts/node22.sh node --import tsx scripts/fuzzApi.ts <schemathesis binary>
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import {
  generateSampleData,
  startSampleServer,
} from '@sentry-graph/sentry-sample-server';
import { startDevBackend } from '../plugins/sentry-graph-backend/dev/startDevBackend';
import { testNeo4jConnection } from '../plugins/sentry-graph-backend/src/__testUtils__/testGraph';

const ROOT = path.resolve(__dirname, '..');
const OPENAPI = path.join(ROOT, 'plugins/sentry-graph-backend/openapi.yaml');
/** The fuzzing budget; Schemathesis stops generating when it is spent. */
const MAX_SECONDS = Number(process.env.SENTRY_GRAPH_FUZZ_SECONDS ?? 60);

async function main(schemathesis: string): Promise<number> {
  const sentry = await startSampleServer({
    data: generateSampleData({ preset: 'S' }),
  });
  const backend = await startDevBackend({
    sentryUrl: sentry.url,
    token: 'sample-token',
    neo4j: testNeo4jConnection(),
  }).catch(async error => {
    await sentry.close();
    throw error;
  });
  try {
    await backend.syncOnce();
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(
        schemathesis,
        [
          '--config-file',
          path.join(ROOT, 'scripts/schemathesis.toml'),
          'run',
          OPENAPI,
          '--url',
          backend.baseUrl,
          '--header',
          `Authorization: Bearer ${backend.apiToken}`,
          '--mode',
          'all',
          '--checks',
          'all',
          // Stateful links and object-level authorization need links and
          // security schemes the document does not declare.
          '--exclude-checks',
          'use_after_free,ensure_resource_availability,object_level_authorization',
          '--max-time',
          String(MAX_SECONDS),
          '--workers',
          '1',
          '--seed',
          '1',
          '--report',
          'junit',
          '--report-junit-path',
          path.join(ROOT, '.cache/fuzz-results.xml'),
        ],
        // Schemathesis keeps a cache in its working directory: not in the checkout.
        { stdio: 'inherit', cwd: path.join(ROOT, '.cache') },
      );
      child.on('error', reject);
      child.on('exit', code => resolve(code ?? 1));
    });
  } finally {
    await backend.stop();
    await sentry.close();
  }
}

main(process.argv[2]).then(
  code => process.exit(code),
  error => {
    process.stderr.write(
      `${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
