import type { RunSummary } from '@sentry-graph/plugin-sentry-graph-common';
import {
  describeDuration,
  nextFullRunDue,
  scheduledRunKind,
} from './scheduledRunKind';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-07T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function fullRun(startedAgoMs: number): RunSummary {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    trigger: 'scheduled',
    status: 'succeeded',
    kind: 'full',
    createdAt: iso(NOW - startedAgoMs),
    startedAt: iso(NOW - startedAgoMs),
  };
}

describe('the kind of a scheduled run', () => {
  it('is full when the run history holds no full run', () => {
    expect(scheduledRunKind(undefined, DAY, NOW)).toEqual({
      kind: 'full',
      reason:
        'a full run was due: the run history holds no full run that succeeded or was partial',
    });
  });

  it('is routine within fullEvery of the last full run, saying when the next is due', () => {
    expect(scheduledRunKind(fullRun(2 * HOUR), DAY, NOW)).toEqual({
      kind: 'routine',
      reason:
        'a routine run: the last full run started 2 h ago, the next is due in 21 h 59 min (sentryGraph.schedule.fullEvery: 24 h)',
    });
  });

  it('is full once fullEvery has passed, or within a minute of it (the scheduler starts a little early or late)', () => {
    expect(scheduledRunKind(fullRun(DAY), DAY, NOW)).toEqual({
      kind: 'full',
      reason:
        'a full run was due: the last one started 24 h ago (sentryGraph.schedule.fullEvery: 24 h)',
    });
    expect(scheduledRunKind(fullRun(DAY - 30_000), DAY, NOW).kind).toBe('full');
    expect(scheduledRunKind(fullRun(DAY - 90_000), DAY, NOW).kind).toBe(
      'routine',
    );
  });

  it('is always full with fullEvery 0', () => {
    expect(scheduledRunKind(fullRun(1_000), 0, NOW).kind).toBe('full');
  });
});

describe('durations in words', () => {
  it('are to the second, in the largest units that fit', () => {
    expect(
      [DAY, DAY - 60_000, 20 * 60_000, 90_000, 45_000, 0].map(describeDuration),
    ).toEqual(['24 h', '23 h 59 min', '20 min', '1 min 30 s', '45 s', '0 s']);
  });
});

describe('when the next full run is due', () => {
  const every30min = {
    fullEveryMs: DAY,
    intervalMs: 30 * 60_000,
    scheduled: true,
    now: NOW,
  };

  it('is the next scheduled start when there is no full run, or one is due by then', () => {
    const nextRunAt = iso(NOW + 10 * 60_000);
    expect(
      nextFullRunDue({ ...every30min, lastFull: undefined, nextRunAt }),
    ).toBe(nextRunAt);
    expect(
      nextFullRunDue({
        ...every30min,
        lastFull: fullRun(DAY + HOUR),
        nextRunAt,
      }),
    ).toBe(nextRunAt);
  });

  it("is the schedule's first start at or after the due time", () => {
    // Last full run 2 h ago; due 22 h from now, less a minute. The next
    // start is in 10 min; the starts after it come every 30 min.
    expect(
      nextFullRunDue({
        ...every30min,
        lastFull: fullRun(2 * HOUR),
        nextRunAt: iso(NOW + 10 * 60_000),
      }),
    ).toBe(iso(NOW + 10 * 60_000 + 44 * 30 * 60_000));
  });

  it('is the due time itself without a fixed interval (cron) or a known next start', () => {
    const due = iso(NOW + 22 * HOUR - 60_000);
    expect(
      nextFullRunDue({
        ...every30min,
        intervalMs: undefined,
        lastFull: fullRun(2 * HOUR),
        nextRunAt: iso(NOW + 10 * 60_000),
      }),
    ).toBe(due);
    expect(
      nextFullRunDue({
        ...every30min,
        lastFull: fullRun(2 * HOUR),
        nextRunAt: undefined,
      }),
    ).toBe(due);
    // Overdue, with no next start known: now.
    expect(
      nextFullRunDue({
        ...every30min,
        lastFull: fullRun(2 * DAY),
        nextRunAt: undefined,
      }),
    ).toBe(iso(NOW));
  });

  it('is not given for a schedule that starts no runs itself', () => {
    expect(
      nextFullRunDue({
        ...every30min,
        scheduled: false,
        lastFull: undefined,
        nextRunAt: undefined,
      }),
    ).toBeUndefined();
  });
});
