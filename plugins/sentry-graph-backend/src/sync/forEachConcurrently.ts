/**
 * Runs `task` for every item with at most `limit` running at once. A limit
 * given as a function is read again before each task starts, so it can
 * follow what the run learns (Sentry's rate and latency). Every item is
 * attempted: a failing task is the task's own business to record.
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number | (() => number),
  task: (item: T) => Promise<void>,
): Promise<void> {
  const limitNow = typeof limit === 'function' ? limit : () => limit;
  const running = new Set<Promise<void>>();
  for (const item of items) {
    while (running.size >= Math.max(1, limitNow())) {
      await Promise.race(running);
    }
    const done: Promise<void> = task(item).finally(() => running.delete(done));
    running.add(done);
  }
  await Promise.all(running);
}
