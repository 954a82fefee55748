import type { SampleServer } from '@sentry-graph/sentry-sample-server';
import { acmeOrganization } from './acmeFixture';
import { useSampleServerEnvironment } from './sampleServerEnvironment';
import type { TestGraph } from './testGraph';

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
  const environment = useSampleServerEnvironment();
  let sentry: SampleServer | undefined;
  beforeEach(async () => {
    sentry = await environment.start({
      data: { organizations: [acmeOrganization()] },
    });
  });
  return {
    graph: environment.graph,
    get sentry() {
      if (!sentry)
        throw new Error('the sample server exists only inside a test');
      return sentry;
    },
  };
}
