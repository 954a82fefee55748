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

const DAY_MS = 86_400_000;
/** 'YYYY-MM-DDT' by epoch day: a page of releases formats thousands of times. */
const dayPrefixes = new Map<number, string>();

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad3 = (n: number) => String(n).padStart(3, '0');

/**
 * Formats epoch ms plus microseconds (0–999) the way Sentry's serializers do.
 * By hand: Date#toISOString took a good share of the server's CPU in the
 * benchmark, CPU that a real Sentry does not take from the machine syncing.
 */
export function epochMsToIso(epochMs: number, micros = 0): string {
  const ms = Math.floor(epochMs);
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  rest -= seconds * 1000;
  return (
    `${prefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.` +
    `${pad3(rest)}${pad3(Math.floor(micros) % 1000)}Z`
  );
}
