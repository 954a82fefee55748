import { isoToEpochMs } from '../isoTime';

/** Sentry's InvalidParams: each endpoint decides what it answers with it. */
export class InvalidDateParams extends Error {}

export interface DateRange {
  startMs: number;
  endMs: number;
}

const PERIOD_UNITS_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** parse_stats_period (src/sentry/utils/dates.py): "<digits>[s|m|h|d|w]", seconds by default. */
function statsPeriodMs(period: string): number {
  const match = /^(\d+)([hdmsw]?)$/.exec(period);
  if (!match) throw new InvalidDateParams(`Invalid statsPeriod: '${period}'`);
  return Number(match[1]) * PERIOD_UNITS_MS[match[2] || 's'];
}

const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date, or a date and time with optional seconds, fraction and zone (ISO 8601). */
export function isIsoDateTime(value: string): boolean {
  return ISO_DATE_TIME.test(value);
}

/**
 * parse_datetime_string (src/sentry/search/utils.py): ISO 8601 (a value without a zone is
 * UTC), else seconds since the epoch, else "… is not a valid ISO8601 date query".
 */
export function parseDateTimeMs(value: string): number {
  if (ISO_DATE_TIME.test(value)) {
    const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(value.slice(10))
      ? value
      : `${value.length === 10 ? `${value}T00:00:00` : value}Z`;
    const ms = isoToEpochMs(zoned.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return ms;
  }
  const seconds = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)
    ? Number(value)
    : Number.NaN;
  if (!Number.isNaN(seconds)) return seconds * 1000;
  throw new InvalidDateParams(`${value} is not a valid ISO8601 date query`);
}

/**
 * get_date_range_from_stats_period(params, optional=True) (src/sentry/api/utils.py):
 * statsPeriod (start = now − period, end = now), else statsPeriodStart and statsPeriodEnd
 * (both relative to now), else start and end; undefined when none is sent. Both ends are
 * needed, and start must come before end.
 */
export function optionalDateRange(
  query: URLSearchParams,
  nowMs: number,
): DateRange | undefined {
  const statsPeriod = query.get('statsPeriod');
  const periodStart = query.get('statsPeriodStart');
  const periodEnd = query.get('statsPeriodEnd');
  const start = query.get('start');
  const end = query.get('end');
  let range: DateRange;
  if (statsPeriod !== null) {
    range = { startMs: nowMs - statsPeriodMs(statsPeriod), endMs: nowMs };
  } else if (periodStart || periodEnd) {
    if (!periodStart || !periodEnd)
      throw new InvalidDateParams(
        'statsPeriodStart and statsPeriodEnd are both required',
      );
    range = {
      startMs: nowMs - statsPeriodMs(periodStart),
      endMs: nowMs - statsPeriodMs(periodEnd),
    };
  } else if (start || end) {
    if (!start || !end)
      throw new InvalidDateParams('start and end are both required');
    range = { startMs: parseDateTimeMs(start), endMs: parseDateTimeMs(end) };
  } else {
    return undefined;
  }
  if (range.startMs >= range.endMs)
    throw new InvalidDateParams('start must be before end');
  return range;
}
