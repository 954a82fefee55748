import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { activeNotifications } from './service/activeNotifications';
import { metrics } from '@opentelemetry/api';
import { sentryGraphPermissions } from '@sentry-graph/plugin-sentry-graph-common';
import { catalogReader } from './catalog/catalogReader';
import { withConfigSource } from './config/configSource';
import { readCatalogOptions } from './config/readCatalogOptions';
import { readPluginSettings } from './config/readPluginSettings';
import { readSentryGraphConfig } from './config/readSentryGraphConfig';
import { readEntitySentryData } from './graph/entitySentryData';
import { SentryLinks } from './graph/sentryLinks';
import { SentryGraphStore } from './graph/SentryGraphStore';
import { createRouter } from './router';
import { processHeapCapMb } from './worker/workerEntry';
import { DatabaseBackedServices } from './service/DatabaseBackedServices';
import { openPluginServices } from './service/openPluginServices';
import { observeLastSuccessfulRunAge } from './service/lastSuccessfulRunAge';
import { METER_NAME, SyncMetrics } from './service/syncMetrics';

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
        events: eventsServiceRef,
        notifications: notificationService,
        instanceMetadata: coreServices.rootInstanceMetadata,
      },
      async init(deps) {
        const { config, logger, lifecycle } = deps;
        // Each throws naming the offending key and its file: a bad config stops the plugin here.
        const sentryGraphConfig = withConfigSource(
          config,
          readSentryGraphConfig,
        );
        const settings = withConfigSource(config, readPluginSettings);
        const catalogOptions = withConfigSource(config, readCatalogOptions);
        // V8 applies a process-wide cap to every isolate, the sync's worker's too.
        const processHeapMb = processHeapCapMb();
        if (processHeapMb !== undefined) {
          logger.warn(
            `The backend runs with --max-old-space-size=${processHeapMb}, which V8 applies to the sync's worker ` +
              `in place of sentryGraph.sync.maxHeapMb (${sentryGraphConfig.worker.maxHeapMb} MB)`,
          );
        }

        const { driver, store: graph } = SentryGraphStore.open(
          sentryGraphConfig.neo4j,
        );
        // A Neo4j that is down does not stop the backend: runs fail and say so.
        graph.verify().then(
          () =>
            logger.info(`Connected to Neo4j at ${sentryGraphConfig.neo4j.uri}`),
          error =>
            logger.warn(
              `${graph.describeError(error)}; until it can be used, runs fail`,
            ),
        );

        const links = new SentryLinks(settings.sentryWebUrl);
        const notifications = await activeNotifications(deps, settings, logger);
        // Taken now: the host registers its OpenTelemetry SDK before the backend starts.
        const meter = metrics.getMeter(METER_NAME);
        const syncMetrics = SyncMetrics.create(meter);
        // Nor does the plugin's own database: what needs it comes up once it answers.
        const services = new DatabaseBackedServices({
          open: () =>
            openPluginServices({
              config: sentryGraphConfig,
              settings,
              graph,
              database: deps.database,
              scheduler: deps.scheduler,
              logger,
              links,
              catalog: catalogOptions.enabled
                ? {
                    options: catalogOptions,
                    read: catalogReader(deps.catalog, deps.auth),
                  }
                : undefined,
              metrics: syncMetrics,
              events: deps.events,
              notifications,
            }),
          probe: opened => opened.ping(),
          logger,
        });
        const lastSuccessAge = observeLastSuccessfulRunAge(
          meter,
          async () =>
            (await services.current?.history.lastSuccessfulRun())?.finishedAt,
        );
        await services.start();
        // The run in progress ends (recorded as aborted) before the driver closes.
        lifecycle.addShutdownHook(async () => {
          lastSuccessAge.stop();
          services.stop();
          await services.current?.syncService.stop();
          await driver.close();
        });

        deps.permissionsRegistry.addPermissions(sentryGraphPermissions);
        deps.httpRouter.use(
          await createRouter({
            services,
            graph,
            catalog: catalogOptions.enabled
              ? {
                  service: deps.catalog,
                  readEntity: entityRef =>
                    // Bounded as every request's read of the graph is.
                    readEntitySentryData(graph.requestReads, entityRef, {
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
