import type { Driver } from 'neo4j-driver';
import {
  SentryGraphStore,
  type Neo4jConnectionOptions,
} from '../graph/SentryGraphStore';

/**
 * The local Neo4j that `npm test` starts (tools/neo4j). Tests run one file at
 * a time and wipe the database between cases: Community has one user database.
 */
export function testNeo4jConnection(): Neo4jConnectionOptions {
  return {
    uri: process.env.NEO4J_URI ?? `bolt://127.0.0.1:${process.env.NEO4J_BOLT_PORT ?? '7687'}`,
    username: process.env.NEO4J_USERNAME ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'sentry-graph-dev',
  };
}

export interface TestGraph {
  driver: Driver;
  store: SentryGraphStore;
  /** Deletes every node and relationship. */
  wipe(): Promise<void>;
  /** Rows of a read query, as plain objects. */
  query<T = Record<string, unknown>>(cypher: string, params?: Record<string, unknown>): Promise<T[]>;
  close(): Promise<void>;
}

export function openTestGraph(): TestGraph {
  const driver = SentryGraphStore.createDriver(testNeo4jConnection());
  const store = new SentryGraphStore(driver);
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
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}
