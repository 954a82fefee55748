import { epochMsToIso, isoToEpochMs } from './isoTime';

it('formats a time as Date#toISOString does, with the microseconds after the milliseconds', () => {
  const start = Date.parse('1999-12-31T23:59:59.999Z');
  for (let i = 0; i < 5_000; i++) {
    // Spread over a few decades, at any millisecond of a day.
    const epochMs = start + i * 181_234_567.891;
    const micros = (i * 37) % 1000;
    const wholeMs = new Date(Math.floor(epochMs)).toISOString();
    expect(epochMsToIso(epochMs, micros)).toBe(
      `${wholeMs.slice(0, -1)}${String(micros).padStart(3, '0')}Z`,
    );
  }
  expect(epochMsToIso(Date.parse('2024-02-29T00:00:00.000Z'))).toBe(
    '2024-02-29T00:00:00.000000Z',
  );
  expect(epochMsToIso(-1, 5)).toBe('1969-12-31T23:59:59.999005Z');
});

it('reads back what it formats, to the microsecond', () => {
  const iso = epochMsToIso(Date.parse('2021-07-06T21:13:58.375Z'), 239);
  expect(iso).toBe('2021-07-06T21:13:58.375239Z');
  expect(isoToEpochMs(iso)).toBeCloseTo(Date.parse(iso) + 0.239, 6);
});
