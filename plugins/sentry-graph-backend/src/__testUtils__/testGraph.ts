import type { Driver } from 'neo4j-driver';
import {
  SentryGraphStore,
  type Neo4jConnectionOptions,
} from '../graph/SentryGraphStore';

/** The port of the Neo4j that `npm test` starts for the tests alone. */
export const TEST_NEO4J_PORT =
  process.env.SENTRY_GRAPH_TEST_NEO4J_PORT ?? '7689';

/**
 * The local Neo4j that `npm test` starts (tools/neo4j) on a port of its own,
 * never the demo's or one a user points NEO4J_URI at: tests wipe it. They
 * run one file at a time and wipe between cases, as Community has one user
 * database.
 */
export function testNeo4jConnection(): Neo4jConnectionOptions {
  return {
    uri: `bolt://127.0.0.1:${TEST_NEO4J_PORT}`,
    username: 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'sentry-graph-dev',
  };
}

export interface TestGraph {
  driver: Driver;
  store: SentryGraphStore;
  /** Deletes every node and relationship. */
  wipe(): Promise<void>;
  /** Rows of a read query, as plain objects. */
  query<T = Record<string, unknown>>(
    cypher: string,
    params?: Record<string, unknown>,
  ): Promise<T[]>;
  close(): Promise<void>;
}

export function openTestGraph(): TestGraph {
  const { driver, store } = SentryGraphStore.open(testNeo4jConnection());
  return {
    driver,
    store,
    wipe: () => wipeDatabase(driver),
    async query<T>(cypher: string, params: Record<string, unknown> = {}) {
      const result = await store.read(cypher, params);
      return result.records.map(record => record.toObject() as T);
    },
    close: () => driver.close(),
  };
}

/**
 * Deletes everything, in bounded transactions: relationships first, since
 * detaching an organization node with a million relationships in one
 * transaction runs Neo4j out of transaction memory.
 */
export async function wipeDatabase(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run(
      'MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS',
    );
    await session.run(
      'MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS',
    );
  } finally {
    await session.close();
  }
}
