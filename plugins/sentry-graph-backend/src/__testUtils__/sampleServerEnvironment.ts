import {
  startSampleServer,
  type SampleServer,
  type SampleServerOptions,
} from '@sentry-graph/sentry-sample-server';
import { openTestGraph, type TestGraph } from './testGraph';

export interface SampleServerEnvironment {
  graph: TestGraph;
  /** Starts a sample server for this test; it is closed after the test. */
  start(options: SampleServerOptions): Promise<SampleServer>;
}

/**
 * Registers the hooks of a test that syncs from sample servers of its own
 * into the test Neo4j: an empty graph for each test, and every server it
 * started closed after it.
 */
export function useSampleServerEnvironment(): SampleServerEnvironment {
  const graph = openTestGraph();
  const servers: SampleServer[] = [];
  beforeEach(() => graph.wipe());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(server => server.close()));
  });
  afterAll(() => graph.close());
  return {
    graph,
    async start(options) {
      const server = await startSampleServer(options);
      servers.push(server);
      return server;
    },
  };
}
