import {
  MOST_IN_FLIGHT_PER_ENDPOINT,
  usefulConcurrency,
} from './requestConcurrency';

describe('usefulConcurrency', () => {
  it('keeps the announced rate busy over the time one answer takes, with room for jitter', () => {
    // 40 per second × 0.15 s × 1.25 = 7.5 → 8, and one ready for the next answer.
    expect(usefulConcurrency({ limit: 40 }, 150)).toBe(9);
    expect(usefulConcurrency({ limit: 40 }, 300)).toBe(16);
  });

  it('asks for little when answers come at once, as on localhost', () => {
    expect(usefulConcurrency({ limit: 40 }, 5)).toBe(2);
    expect(usefulConcurrency({ limit: 40 }, 0)).toBe(1);
  });

  it("stays within Sentry's announced concurrent limit and the client's own ceiling", () => {
    expect(usefulConcurrency({ limit: 40, concurrentCap: 5 }, 300)).toBe(5);
    expect(usefulConcurrency({ limit: 1000 }, 2000)).toBe(
      MOST_IN_FLIGHT_PER_ENDPOINT,
    );
  });
});
