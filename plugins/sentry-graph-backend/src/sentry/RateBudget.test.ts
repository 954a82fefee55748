import { RateBudget } from './RateBudget';

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

  it('lets one probe out until the first answer', async () => {
    await acquire();
    const second = acquire();
    expect(await isPending(second)).toBe(true);
    budget.release('members', answer(40, 39));
    expect(await isPending(second)).toBe(false);
  });

  it('counts requests in flight against the remaining window', async () => {
    await acquire();
    budget.release('members', answer(3, 2));
    await acquire();
    await acquire();
    expect(await isPending(acquire())).toBe(true);
  });

  it('does not let a late answer from earlier in the window raise the remaining count', async () => {
    await acquire();
    budget.release('members', answer(4, 3));
    await acquire(); // counted by Sentry first, answers last
    await acquire();
    await acquire();
    budget.release('members', answer(4, 0)); // the newest answer: window spent
    budget.release('members', answer(4, 2)); // an older answer arriving late
    expect(await isPending(acquire())).toBe(true);
  });

  it('opens the next window at the reset, counting what is still in flight', async () => {
    await acquire();
    budget.release('members', answer(3, 1));
    await acquire(); // the last of this window, still in flight at the reset
    expect(await isPending(acquire())).toBe(true);
    clock = resetS * 1000 + 100;
    await acquire(); // the new window allows 3, one of them possibly taken
    await acquire();
    expect(await isPending(acquire())).toBe(true);
  });

  it('ignores answers from a window it has already rolled past', async () => {
    await acquire();
    budget.release('members', answer(2, 0));
    clock = resetS * 1000 + 100;
    await acquire(); // new window, 1 left
    budget.release('members', answer(2, 1, resetS)); // stale: the old window
    await acquire();
    expect(await isPending(acquire())).toBe(true);
  });

  it('caps requests in flight at what ConcurrentLimit/Remaining leave for us', async () => {
    await acquire();
    const headers = headersFor(100, 99, resetS);
    headers.set('X-Sentry-Rate-Limit-ConcurrentLimit', '3');
    headers.set('X-Sentry-Rate-Limit-ConcurrentRemaining', '1'); // someone else uses one
    budget.release('members', { headers, receivedAt: clock });
    await acquire();
    await acquire();
    expect(await isPending(acquire())).toBe(true);
  });

  it('keeps buckets apart', async () => {
    await acquire();
    budget.release('members', answer(1, 0));
    expect(await isPending(acquire())).toBe(true);
    expect(await isPending(budget.acquire('teams', { path }))).toBe(false);
  });

  it('imposes no limit when Sentry sends no headers', async () => {
    await acquire();
    budget.release('members', { headers: new Headers(), receivedAt: clock });
    const many = Promise.all(Array.from({ length: 50 }, () => acquire()));
    expect(await isPending(many)).toBe(false);
  });
});
