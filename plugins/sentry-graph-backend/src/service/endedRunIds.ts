import type { RunHistoryStore } from './RunHistoryStore';

/** How many of the newest runs are looked at: a lease outlives a few failed runs at most. */
const NEWEST_RUNS = 10;

/**
 * The newest runs of this history that have ended, other than `current`:
 * a graph lease one of them still holds (Neo4j was gone at its end, or the
 * backend was killed) is left over, and the next run takes it over at once
 * instead of after it expires. None when the history cannot say.
 */
export async function endedRunIds(
  history: Pick<RunHistoryStore, 'listRuns'>,
  current: string,
): Promise<string[]> {
  try {
    const runs = await history.listRuns({ limit: NEWEST_RUNS });
    return runs
      .filter(
        run =>
          run.id !== current &&
          run.status !== 'queued' &&
          run.status !== 'running',
      )
      .map(run => run.id);
  } catch {
    return [];
  }
}
