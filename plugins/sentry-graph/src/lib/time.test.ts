import { formatDuration, relativeTime } from './time';

describe('relativeTime', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it('says how long ago or how soon, in the largest whole unit', () => {
    expect(relativeTime('2026-11-29T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-11-29T12:25:00Z', now)).toBe('in 25 minutes');
    expect(relativeTime('2026-11-29T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-11-27T12:00:00Z', now)).toBe('2 days ago');
    expect(relativeTime('2026-11-29T12:00:00.200Z', now)).toBe('now');
  });
  it('does not pretend to know an unreadable time', () => {
    expect(relativeTime('not a time', now)).toBe('at an unknown time');
  });
});

describe('formatDuration', () => {
  it('picks a unit that reads well', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(3_600)).toBe('3.6 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
});
