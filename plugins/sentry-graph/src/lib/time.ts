/*
 * Times as people read them on the card: "5 minutes ago", "in 25 minutes",
 * with the exact local time for a tooltip.
 */
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `iso` relative to `now`: "3 minutes ago", "in 2 hours", "now". */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const deltaMs = Date.parse(iso) - now;
  if (Number.isNaN(deltaMs)) return 'at an unknown time';
  for (const [unit, unitMs] of UNITS) {
    if (Math.abs(deltaMs) >= unitMs || unit === 'second') {
      const value = Math.round(deltaMs / unitMs);
      return value === 0 ? 'now' : relativeFormat.format(value, unit);
    }
  }
  return 'now';
}

/** The exact time in the reader's locale and time zone. */
export function exactTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/** A run's length: "850 ms", "3.6 s", "4 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1_000);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Milliseconds between two ISO times, when both are known. */
export function durationBetween(
  startIso?: string,
  endIso?: string,
): number | undefined {
  if (!startIso || !endIso) return undefined;
  const ms = Date.parse(endIso) - Date.parse(startIso);
  return Number.isNaN(ms) ? undefined : ms;
}

const numberFormat = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => numberFormat.format(n);
