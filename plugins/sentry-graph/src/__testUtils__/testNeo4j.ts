import neo4j from 'neo4j-driver';

/*
 * The Neo4j that `npm test` starts for the tests alone (the backend's tests
 * use the same one, one file at a time), for the tests that run the real
 * backend plugin: the API client's and the browser tests.
 */
export const testNeo4j = {
  uri: `bolt://127.0.0.1:${process.env.SENTRY_GRAPH_TEST_NEO4J_PORT ?? '7689'}`,
  username: 'neo4j',
  password: process.env.NEO4J_PASSWORD ?? 'sentry-graph-dev',
};

/**
 * Deletes every node and relationship, in batches, as the backend's tests
 * do. Fails saying how to start the tests' Neo4j when none answers, since a
 * run of this package's tests alone (`backstage-cli package test`) does not
 * start one.
 */
export async function wipeTestNeo4j(): Promise<void> {
  const driver = neo4j.driver(
    testNeo4j.uri,
    neo4j.auth.basic(testNeo4j.username, testNeo4j.password),
  );
  const session = driver.session();
  try {
    await driver.verifyConnectivity().catch((error: Error) => {
      throw new Error(
        `These tests run the real backend plugin against the tests' Neo4j on ${testNeo4j.uri}, ` +
          `which did not answer (${error.message}). The root's npm test starts it; on its own: ` +
          `NEO4J_BOLT_PORT=${new URL(testNeo4j.uri).port} npm run neo4j:start ` +
          '(SENTRY_GRAPH_TEST_NEO4J_PORT moves it).',
      );
    });
    // CALL … IN TRANSACTIONS needs an auto-commit transaction: session.run.
    await session.run(
      'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS',
    );
  } finally {
    await session.close();
    await driver.close();
  }
}
