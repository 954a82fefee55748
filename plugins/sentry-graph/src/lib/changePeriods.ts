/** The change list's windows: how far back its `since` reaches. */
export const CHANGE_PERIODS = [
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  // The history's default bound (sentryGraph.changes.maxAge).
  { value: '90d', label: 'Last 90 days', ms: 90 * 86_400_000 },
] as const;

export type ChangePeriod = (typeof CHANGE_PERIODS)[number]['value'];

/** The instant a window starts, `now` less its length. */
export function periodStart(period: ChangePeriod, now = Date.now()): string {
  const found = CHANGE_PERIODS.find(p => p.value === period);
  return new Date(now - (found?.ms ?? 0)).toISOString();
}
