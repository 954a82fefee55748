import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { ChangeRetention, ChangeStore } from './ChangeStore';

export const PRUNE_CHANGES_TASK_ID = 'sentry-graph:prune-changes';

/**
 * Keeps the change history within its bound (sentryGraph.changes.maxAge
 * and maxRows): a task of the scheduler, on one replica at a time, soon
 * after the start and then every six hours.
 */
export async function scheduleChangePruning(options: {
  scheduler: SchedulerService;
  store: ChangeStore;
  retention: ChangeRetention;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, store, retention, logger } = options;
  await scheduler.scheduleTask({
    id: PRUNE_CHANGES_TASK_ID,
    frequency: { hours: 6 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 1 },
    scope: 'global',
    fn: async () => {
      const pruned = await store.prune(retention);
      if (pruned > 0)
        logger.info(`Pruned ${pruned} changes from the change history`);
    },
  });
}
