import {
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import { acmeOrganization } from './acmeFixture';
import { openTestGraph, type TestGraph } from './testGraph';

export interface AcmeEnvironment {
  graph: TestGraph;
  /** A fresh sample server with the acme fixture for every test. */
  readonly sentry: SampleServer;
}

/**
 * Registers the hooks most Neo4j-backed tests share: an empty graph and a
 * sample server serving the acme fixture for each test.
 */
export function useAcmeEnvironment(): AcmeEnvironment {
  const graph = openTestGraph();
  let sentry: SampleServer | undefined;
  beforeEach(async () => {
    await graph.wipe();
    sentry = await startSampleServer({
      data: { organizations: [acmeOrganization()] },
    });
  });
  afterEach(async () => {
    await sentry?.close();
    sentry = undefined;
  });
  afterAll(() => graph.close());
  return {
    graph,
    get sentry() {
      if (!sentry)
        throw new Error('the sample server exists only inside a test');
      return sentry;
    },
  };
}
