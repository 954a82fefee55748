import type { JsonObject } from '@backstage/types';
import { testNeo4jConnection } from './testGraph';

/**
 * The plugin's configuration for a test backend: the sample server at
 * `sentryUrl`, the tests' Neo4j, and a schedule that only runs when
 * triggered (an initial delay would not do: the scheduler's worker sleeps
 * through it, deaf to triggers). No catalog: these backends have none (the
 * catalog's own tests add the catalog backend and switch it on).
 */
export function pluginTestConfig(
  sentryUrl: string,
  overrides: JsonObject = {},
): JsonObject & { sentryGraph: JsonObject } {
  const neo4j = testNeo4jConnection();
  return {
    sentryGraph: {
      sentry: {
        baseUrl: sentryUrl,
        token: 'sample-token',
        organizations: ['acme'],
      },
      neo4j: {
        uri: neo4j.uri,
        username: neo4j.username,
        password: neo4j.password,
      },
      schedule: { frequency: { trigger: 'manual' }, timeout: { minutes: 5 } },
      manualRunMinimumInterval: { seconds: 0 },
      catalog: { enabled: false },
      ...overrides,
    },
  };
}
