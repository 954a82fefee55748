import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { sentryGraphPermissions } from '@sentry-graph/plugin-sentry-graph-common';
import { catalogReader } from './catalog/catalogReader';
import { readCatalogOptions } from './config/readCatalogOptions';
import { readPluginSettings } from './config/readPluginSettings';
import { readSentryGraphConfig } from './config/readSentryGraphConfig';
import { readEntitySentryData } from './graph/entitySentryData';
import { SentryLinks } from './graph/sentryLinks';
import { SentryGraphStore } from './graph/SentryGraphStore';
import { createRouter } from './router';
import { GraphSummaries } from './service/GraphSummaries';
import { RunHistoryStore } from './service/RunHistoryStore';
import { SummaryStore } from './service/SummaryStore';
import { readStatus } from './service/readStatus';
import { SyncService } from './service/SyncService';

/**
 * Keeps a Neo4j graph of a Sentry installation fresh on a schedule and
 * serves its status, run history and summaries under /api/sentry-graph.
 *
 * @public
 */
export const sentryGraphPlugin = createBackendPlugin({
  pluginId: 'sentry-graph',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, database, lifecycle } = deps;
        // Both throw with the offending key named: a bad config stops the plugin here.
        const sentryGraphConfig = readSentryGraphConfig(config);
        const settings = readPluginSettings(config);
        const catalogOptions = readCatalogOptions(config);

        const driver = SentryGraphStore.createDriver(sentryGraphConfig.neo4j);
        const graph = new SentryGraphStore(
          driver,
          sentryGraphConfig.neo4j.database,
        );
        // A Neo4j that is down does not stop the backend: runs fail and say so.
        graph.verify().then(
          () =>
            logger.info(`Connected to Neo4j at ${sentryGraphConfig.neo4j.uri}`),
          error =>
            logger.warn(
              `Neo4j at ${sentryGraphConfig.neo4j.uri} does not answer yet: ${error}`,
            ),
        );

        const history = await RunHistoryStore.create({ database });
        const knex = await database.getClient();
        const links = new SentryLinks(settings.sentryWebUrl);
        const summaries = new GraphSummaries({
          graph,
          links,
          store: await SummaryStore.create({ database }),
          logger,
          catalog: catalogOptions.enabled ? catalogOptions : undefined,
        });

        const syncService = new SyncService({
          config: sentryGraphConfig,
          settings,
          graph,
          history,
          summaries,
          scheduler: deps.scheduler,
          logger,
          catalog: catalogOptions.enabled
            ? {
                options: catalogOptions,
                read: catalogReader(deps.catalog, deps.auth),
              }
            : undefined,
        });
        // With SQLite, replicas cannot share a database (nor a lock).
        // The run in progress ends (recorded as aborted) before the driver closes.
        lifecycle.addShutdownHook(async () => {
          await syncService.stop();
          await driver.close();
        });
        await syncService.schedule({
          sharedDatabase: !/sqlite/i.test(String(knex.client.config.client)),
        });

        deps.permissionsRegistry.addPermissions(sentryGraphPermissions);
        deps.httpRouter.use(
          await createRouter({
            syncService,
            history,
            graph,
            summaries,
            readStatus: () => readStatus(history, settings, knex),
            catalog: catalogOptions.enabled
              ? {
                  service: deps.catalog,
                  readEntity: entityRef =>
                    readEntitySentryData(graph, entityRef, {
                      componentTypes: catalogOptions.componentTypes,
                      links,
                    }),
                }
              : undefined,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
