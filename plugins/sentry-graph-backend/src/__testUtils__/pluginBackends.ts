import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { sentryGraphPlugin } from '../plugin';
import { setTestOnlyWorkerFault } from '../worker/testOnlyWorkerFault';
import { pluginTestConfig } from './pluginTestConfig';

type BackendFeatures = Parameters<typeof startTestBackend>[0]['features'];

/**
 * Registers what a test of the plugin under a real test backend needs: a
 * SQLite database of its own for each backend it starts, and no test-only
 * worker fault left behind after a test.
 */
export function usePluginBackends() {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  afterEach(() => setTestOnlyWorkerFault(undefined));
  return {
    /**
     * The plugin and the real scheduler, syncing from `sentryUrl` into the
     * tests' Neo4j; `features` adds (or replaces) services, a mock auditor
     * or permission policy say.
     */
    async start(
      sentryUrl: string,
      overrides: JsonObject = {},
      features: BackendFeatures = [],
    ) {
      const knex = await databases.init('SQLITE_3');
      const backend = await startTestBackend({
        features: [
          sentryGraphPlugin,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: pluginTestConfig(sentryUrl, overrides),
          }),
          ...features,
        ],
      });
      return { backend, server: backend.server, knex };
    },
  };
}
