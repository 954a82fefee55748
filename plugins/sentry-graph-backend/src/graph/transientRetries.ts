import { isRetryableError } from 'neo4j-driver';

/** The driver's own schedule for managed transactions: 1 s, doubling, ±20%. */
const FIRST_DELAY_MS = 1_000;
const MULTIPLIER = 2;
const JITTER = 0.2;

/**
 * Runs `attempt` again after each failure Neo4j calls transient (a deadlock
 * it broke, a restart, a leader switch) until it succeeds or `retryForMs`
 * has passed since the first failure; then the last error is thrown.
 *
 * The driver's managed transactions retry the same way, but they wait for
 * BEGIN to be answered before sending the query: one round trip more per
 * transaction than an auto-commit query, which is a third of a small
 * write's time with Neo4j some tens of milliseconds away. Every write here
 * is an idempotent MERGE, or a CREATE that a failed transaction rolled back,
 * so trying one again is safe.
 */
export async function withTransientRetries<T>(
  attempt: () => Promise<T>,
  retryForMs: number,
): Promise<T> {
  let firstFailureAt: number | undefined;
  let delayMs = FIRST_DELAY_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      firstFailureAt ??= Date.now();
      const elapsed = Date.now() - firstFailureAt;
      if (!isRetryableError(error) || elapsed >= retryForMs) throw error;
      const jittered = delayMs * (1 - JITTER + 2 * JITTER * Math.random());
      await sleep(Math.min(jittered, retryForMs - elapsed));
      delayMs *= MULTIPLIER;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
