/** The sample server's rate limit, as `--rate-limit` set it. */
export type RateLimitSetting =
  { limit: number; windowSeconds: number } | 'none';

/**
 * The least time a run's requests need under Sentry's rate limit: each
 * endpoint has a window of its own, so the floor is the busiest endpoint's
 * request count at `limit` requests per window. Computed from the run's own
 * counts (retries and pages asked for beyond a listing's end included), it
 * ignores the order in which kinds must run, so no run can reach it
 * exactly. Undefined without a rate limit.
 */
export function rateFloorSeconds(
  requestsByEndpoint: Readonly<Record<string, number>>,
  rateLimit: RateLimitSetting,
): number | undefined {
  if (rateLimit === 'none') return undefined;
  const busiest = Math.max(0, ...Object.values(requestsByEndpoint));
  return (busiest / rateLimit.limit) * rateLimit.windowSeconds;
}
