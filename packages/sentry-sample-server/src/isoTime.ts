/**
 * Sentry's timestamps carry microseconds ("2021-07-06T21:13:58.375239Z"); Date.parse keeps only
 * milliseconds. These helpers keep the sub-millisecond part so ordering and DateTimePaginator
 * keys (epoch ms, possibly fractional) match Sentry's.
 */
export function isoToEpochMs(iso: string): number {
  const wholeMs = Date.parse(iso);
  if (Number.isNaN(wholeMs)) return Number.NaN;
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
  const extraDigits = fraction.slice(3);
  return extraDigits ? wholeMs + Number(`0.${extraDigits}`) : wholeMs;
}

/** Formats epoch ms plus microseconds (0–999) the way Sentry's serializers do. */
export function epochMsToIso(epochMs: number, micros = 0): string {
  const iso = new Date(Math.floor(epochMs)).toISOString(); // 2024-01-01T00:00:00.123Z
  return `${iso.slice(0, -1)}${String(Math.floor(micros) % 1000).padStart(3, '0')}Z`;
}
