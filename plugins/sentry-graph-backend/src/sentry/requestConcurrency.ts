/** Most requests of one endpoint worth having in flight, whatever the rate and latency. */
export const MOST_IN_FLIGHT_PER_ENDPOINT = 24;

/** Room for latency jitter, and for requests that wait on a window's reset. */
const HEADROOM = 1.25;

export interface AnnouncedLimit {
  /** Requests per window (Sentry's X-Sentry-Rate-Limit-Limit). */
  limit: number;
  /** In flight at once for this client (ConcurrentLimit less other clients' use), when announced. */
  concurrentCap?: number;
}

/**
 * How many requests of one endpoint keep Sentry's announced rate busy: the
 * rate times the time one request takes, plus one so that a request is
 * ready when an answer lands; never more than Sentry lets one client have in
 * flight. Sentry's windows last one second (sentry-api.md §5), so the limit
 * is read as requests per second.
 */
export function usefulConcurrency(
  announced: AnnouncedLimit,
  typicalMs: number,
): number {
  const cap = Math.min(
    MOST_IN_FLIGHT_PER_ENDPOINT,
    announced.concurrentCap ?? MOST_IN_FLIGHT_PER_ENDPOINT,
  );
  const needed = Math.ceil(announced.limit * (typicalMs / 1000) * HEADROOM) + 1;
  return Math.max(1, Math.min(cap, needed));
}
