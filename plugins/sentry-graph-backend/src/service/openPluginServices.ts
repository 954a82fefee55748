import type {
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { WorkerSyncOptions } from '../worker/runSyncInWorker';
import type { PluginSettings } from '../config/readPluginSettings';
import type { SentryGraphConfig } from '../config/readSentryGraphConfig';
import type { SentryLinks } from '../graph/sentryLinks';
import type { SentryGraphStore } from '../graph/SentryGraphStore';
import { GraphSummaries } from './GraphSummaries';
import { readStatus, type SyncStatus } from './readStatus';
import { SharedReads } from './sharedReads';
import { RunHistoryStore } from './RunHistoryStore';
import { SummaryStore } from './SummaryStore';
import type { SyncMetrics } from './syncMetrics';
import { SyncService } from './SyncService';
import { ChangeStore } from './ChangeStore';
import { ChangeReader } from './ChangeReader';
import { ChangeNotifier } from './ChangeNotifier';
import type { ActiveNotifications } from './activeNotifications';
import { scheduleChangePruning } from './changePruning';
import type { EventsService } from '@backstage/plugin-events-node';

/**
 * How long a /status answer is served from memory. This replica's writes
 * to the run history drop it at once (a running sync's progress, every
 * second); another replica's run shows here within this time.
 */
const STATUS_READ_TTL_MS = 1_000;

/** What the REST API and the schedule need from the plugin's own database. */
export interface PluginServices {
  history: RunHistoryStore;
  summaries: GraphSummaries;
  /** The change history; absent when `sentryGraph.changes.enabled` is false. */
  changes?: ChangeStore;
  /** The change history as the API serves it, with links and highlights. */
  changeReader?: ChangeReader;
  syncService: SyncService;
  readStatus(): Promise<SyncStatus>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
}

export interface PluginServicesOptions {
  config: SentryGraphConfig;
  settings: PluginSettings;
  graph: SentryGraphStore;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  links: SentryLinks;
  /** The catalog to join, when sentryGraph.catalog.enabled. */
  catalog?: WorkerSyncOptions['catalog'];
  metrics: SyncMetrics;
  events?: EventsService;
  /** Where critical changes are sent, when the option is on and can work. */
  notifications?: ActiveNotifications;
}

/**
 * Opens the run history and stored summaries (migrating them), then
 * schedules the sync. Only once the database answers: the scheduler keeps
 * its own tables there, and remembers a failed first use until restart.
 */
export async function openPluginServices(
  options: PluginServicesOptions,
): Promise<PluginServices> {
  const { database, settings, graph, logger } = options;
  const history = await RunHistoryStore.create({ database });
  const changes = settings.changes.enabled
    ? await ChangeStore.create({ database })
    : undefined;
  const changeReader =
    changes &&
    new ChangeReader(changes, graph.requestReads, options.links, logger);
  const notifier =
    changeReader && options.notifications
      ? new ChangeNotifier({
          settings: options.notifications.settings,
          notifications: options.notifications.service,
          reader: changeReader,
          pageUrl: options.notifications.pageUrl,
        })
      : undefined;
  const knex = await database.getClient();
  const summaries = new GraphSummaries({
    graph,
    links: options.links,
    store: await SummaryStore.create({ database }),
    logger,
    catalog: options.catalog?.options,
  });
  const syncService = new SyncService({
    config: options.config,
    settings,
    history,
    summaries,
    scheduler: options.scheduler,
    logger,
    catalog: options.catalog,
    metrics: options.metrics,
    changes,
    events: options.events,
    notifier,
  });
  await syncService.schedule({
    // With SQLite, replicas cannot share a database (nor a lock).
    sharedDatabase: !/sqlite/i.test(String(knex.client.config.client)),
  });
  if (changes)
    await scheduleChangePruning({
      scheduler: options.scheduler,
      store: changes,
      retention: settings.changes,
      logger,
    });
  const statusReads = new SharedReads(
    () => readStatus(history, settings, knex),
    STATUS_READ_TTL_MS,
  );
  history.onWrite(() => statusReads.clear());
  return {
    history,
    summaries,
    changes,
    changeReader,
    syncService,
    // Every open card polls it: callers within a second share one read.
    readStatus: () => statusReads.get(),
    ping: async () => {
      await knex.raw('select 1');
    },
  };
}
