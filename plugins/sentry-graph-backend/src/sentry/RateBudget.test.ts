import { RateBudget } from './RateBudget';
import type { BudgetReservation } from './rateWindow';

const START = 1_800_000_000_000; // a whole second
const path = '/api/0/organizations/acme/members/';

function headersFor(limit: number, remaining: number, resetS: number): Headers {
  return new Headers({
    'X-Sentry-Rate-Limit-Limit': String(limit),
    'X-Sentry-Rate-Limit-Remaining': String(remaining),
    'X-Sentry-Rate-Limit-Reset': String(resetS),
  });
}

/** Resolves true if `promise` is still pending once queued callbacks have run. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const winner = await Promise.race([
    promise.then(
      () => 'settled',
      () => 'settled',
    ),
    new Promise(resolve => setImmediate(() => resolve(marker))),
  ]);
  return winner === marker;
}

describe('RateBudget', () => {
  let clock = START;
  let budget: RateBudget;
  let controller: AbortController;
  const resetS = START / 1000 + 10;

  beforeEach(() => {
    clock = START;
    controller = new AbortController();
    budget = new RateBudget({ maxWaitMs: 60_000, now: () => clock });
  });
  afterEach(() => controller.abort());

  const acquire = () =>
    budget.acquire('members', { path, signal: controller.signal });
  const answer = (limit: number, remaining: number, reset = resetS) => ({
    headers: headersFor(limit, remaining, reset),
    receivedAt: clock,
  });
  const release = (
    reservation: BudgetReservation,
    limit: number,
    remaining: number,
    reset = resetS,
  ) => budget.release('members', reservation, answer(limit, remaining, reset));

  /** Acquires `count` requests; fails the test if any of them has to wait. */
  async function acquireMany(count: number): Promise<BudgetReservation[]> {
    const all = Promise.all(Array.from({ length: count }, () => acquire()));
    expect(await isPending(all)).toBe(false);
    return all;
  }

  it('lets one probe out until the first answer', async () => {
    const probe = await acquire();
    const second = acquire();
    expect(await isPending(second)).toBe(true);
    release(probe, 40, 39);
    expect(await isPending(second)).toBe(false);
  });

  it('counts requests in flight against the remaining window', async () => {
    release(await acquire(), 3, 2);
    await acquireMany(2);
    expect(await isPending(acquire())).toBe(true);
  });

  it('does not give back requests already sent when an older answer arrives late', async () => {
    release(await acquire(), 4, 3);
    const [first, , last] = await acquireMany(3);
    release(last, 4, 0); // the newest answer: window spent
    release(first, 4, 2); // an older answer arriving late
    expect(await isPending(acquire())).toBe(true);
  });

  it('uses the whole window when an answer counts the requests sent before it', async () => {
    release(await acquire(), 10, 9);
    const [first] = await acquireMany(4);
    clock += 300;
    // Sentry has counted all five: the three still in flight are not extra.
    release(first, 10, 5);
    await acquireMany(5);
    expect(await isPending(acquire())).toBe(true);
  });

  it("leaves room for another client's requests that Sentry counted", async () => {
    release(await acquire(), 10, 6); // 4 counted, 1 of them ours
    await acquireMany(6);
    expect(await isPending(acquire())).toBe(true);
  });

  it("does not take a request sent just after an answered one, that overtook it, for another client's", async () => {
    release(await acquire(), 10, 9);
    const earlier = await acquire();
    clock += 10;
    await acquire(); // reaches Sentry first
    clock += 200;
    release(earlier, 10, 7);
    await acquireMany(7);
    expect(await isPending(acquire())).toBe(true);
  });

  it('opens the next window at the reset, counting what is still in flight', async () => {
    release(await acquire(), 3, 1); // one request of another client
    await acquire(); // the last of this window, still in flight at the reset
    expect(await isPending(acquire())).toBe(true);
    clock = resetS * 1000 + 100;
    await acquireMany(2); // the new window allows 3, one of them possibly taken
    expect(await isPending(acquire())).toBe(true);
  });

  it('gives back a request carried into the next window once its answer says it landed in the one before', async () => {
    release(await acquire(), 3, 2);
    const late = await acquire(); // still in flight at the reset
    clock = resetS * 1000 + 100;
    await acquireMany(2);
    expect(await isPending(acquire())).toBe(true);
    release(late, 3, 1, resetS); // counted in the window before
    await acquireMany(1);
    expect(await isPending(acquire())).toBe(true);
  });

  it('counts a request cut off without an answer just before the reset in the next window too', async () => {
    release(await acquire(), 3, 2);
    const cutOff = await acquire(); // reaches Sentry just after the reset
    clock = resetS * 1000 - 10;
    budget.release('members', cutOff); // cancelled before its answer came
    clock = resetS * 1000 + 100;
    await acquireMany(2); // the new window allows 3, the cut-off one may be one
    expect(await isPending(acquire())).toBe(true);
  });

  it('counts a request cut off without an answer in one window only past the next', async () => {
    release(await acquire(), 3, 2);
    budget.release('members', await acquire()); // cut off, no answer
    clock = resetS * 1000 + 100;
    const [first, second] = await acquireMany(2);
    release(first, 3, 1, resetS + 1);
    release(second, 3, 0, resetS + 1);
    clock = (resetS + 1) * 1000 + 100;
    await acquireMany(3); // the window after holds only what was sent in it
    expect(await isPending(acquire())).toBe(true);
  });

  it('caps requests in flight at what ConcurrentLimit/Remaining leave for us', async () => {
    const probe = await acquire();
    const headers = headersFor(100, 99, resetS);
    headers.set('X-Sentry-Rate-Limit-ConcurrentLimit', '3');
    headers.set('X-Sentry-Rate-Limit-ConcurrentRemaining', '1'); // someone else uses one
    budget.release('members', probe, { headers, receivedAt: clock });
    await acquireMany(2);
    expect(await isPending(acquire())).toBe(true);
  });

  it('keeps buckets apart', async () => {
    release(await acquire(), 1, 0);
    expect(await isPending(acquire())).toBe(true);
    expect(await isPending(budget.acquire('teams', { path }))).toBe(false);
  });

  it('imposes no limit when Sentry sends no headers', async () => {
    const probe = await acquire();
    budget.release('members', probe, {
      headers: new Headers(),
      receivedAt: clock,
    });
    await acquireMany(50);
  });
});
