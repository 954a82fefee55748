import { listenForAbort, throwIfAborted } from './abort';

export interface WindowPage<P> {
  value: P;
  /** The page's Link says there are no more results. */
  last: boolean;
}

export interface PageWindowOptions<P> {
  /** The first page to ask for; the page before it said there is more. */
  firstIndex: number;
  fetchPage(pageIndex: number, signal: AbortSignal): Promise<WindowPage<P>>;
  /** How many pages may be asked for or held at once; read before each request. */
  size(): number;
  signal?: AbortSignal;
}

interface Arrived<P> {
  index: number;
  value: P;
  last: boolean;
}

/**
 * Reads the pages of a listing whose cursors are known in advance, several
 * at a time, and yields each as it arrives, in any order. It never holds
 * more pages, asked for or arrived and not yet taken, than the window's
 * size, so memory is bounded by the window and not by the listing.
 *
 * The listing ends at the first page whose Link says there are no more
 * results: pages asked for beyond it are cancelled and ignored. A page that
 * says so is handed on only once every page before it has answered, since
 * it may lie beyond the end (such a page is empty, as Sentry's offset
 * paginator answers past the last row). A page that
 * fails (after the client's retries) fails the listing once every page
 * before it has answered without ending the listing; until then it may lie
 * beyond the end and not matter. The window opens gradually (two pages past
 * the furthest page known to exist), so a listing of two or three pages
 * asks for at most one page too many.
 */
export async function* readPageWindow<P>(
  options: PageWindowOptions<P>,
): AsyncGenerator<P> {
  const { signal } = options;
  const inFlight = new Map<number, AbortController>();
  const arrived: Arrived<P>[] = [];
  const failures = new Map<number, unknown>();
  let nextIndex = options.firstIndex;
  let lastIndex = Infinity;
  let furthestWithMore = options.firstIndex - 1;
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  const endAt = (index: number) => {
    lastIndex = Math.min(lastIndex, index);
    for (const [pending, controller] of inFlight) {
      if (pending > lastIndex) controller.abort();
    }
    for (const failed of failures.keys()) {
      if (failed > lastIndex) failures.delete(failed);
    }
    removeBeyond(arrived, lastIndex);
  };

  const settle = (index: number, outcome: () => void) => {
    inFlight.delete(index);
    if (closed) return;
    outcome();
    askForMore();
    notify();
  };

  const askForMore = () => {
    while (
      !closed &&
      !signal?.aborted &&
      failures.size === 0 &&
      nextIndex <= lastIndex &&
      nextIndex <= 2 * furthestWithMore + 2 &&
      inFlight.size + arrived.length < Math.max(1, options.size())
    ) {
      const index = nextIndex++;
      const controller = new AbortController();
      inFlight.set(index, controller);
      options.fetchPage(index, controller.signal).then(
        page =>
          settle(index, () => {
            if (page.last) endAt(index);
            else furthestWithMore = Math.max(furthestWithMore, index);
            if (index <= lastIndex) {
              arrived.push({ index, value: page.value, last: page.last });
            }
          }),
        error =>
          settle(index, () => {
            if (index <= lastIndex) failures.set(index, error);
          }),
      );
    }
  };

  const stopListening = listenForAbort(signal, () => {
    for (const controller of inFlight.values()) controller.abort();
    notify();
  });
  try {
    askForMore();
    for (;;) {
      throwIfAborted(signal);
      const page = takeReady(arrived, inFlight);
      if (page) {
        yield page.value;
        askForMore();
        continue;
      }
      const failure = blockingFailure(failures, inFlight);
      if (failure) throw failure.error;
      if (inFlight.size === 0) {
        if (nextIndex > lastIndex) return;
        // Nothing asked for and nothing to wait on: only a failure beyond
        // the end could pause the window, and those were dropped above.
        askForMore();
        if (inFlight.size === 0) {
          throw new Error(`page window stalled before page ${nextIndex}`);
        }
      }
      await new Promise<void>(resolve => (wake = resolve));
    }
  } finally {
    closed = true;
    stopListening();
    for (const controller of inFlight.values()) controller.abort();
  }
}

/**
 * The next arrived page that is surely part of the listing: one with a next
 * page, or a last page with every page before it answered.
 */
function takeReady<P>(
  arrived: Arrived<P>[],
  inFlight: ReadonlyMap<number, unknown>,
): Arrived<P> | undefined {
  const index = arrived.findIndex(
    page => !page.last || !anyBefore(inFlight, page.index),
  );
  return index < 0 ? undefined : arrived.splice(index, 1)[0];
}

function anyBefore(
  inFlight: ReadonlyMap<number, unknown>,
  index: number,
): boolean {
  for (const pending of inFlight.keys()) {
    if (pending < index) return true;
  }
  return false;
}

/** The first failure with every page before it answered: it is part of the listing. */
function blockingFailure(
  failures: ReadonlyMap<number, unknown>,
  inFlight: ReadonlyMap<number, unknown>,
): { error: unknown } | undefined {
  if (failures.size === 0) return undefined;
  const first = Math.min(...failures.keys());
  return anyBefore(inFlight, first)
    ? undefined
    : { error: failures.get(first) };
}

function removeBeyond<P>(arrived: Arrived<P>[], lastIndex: number): void {
  for (let i = arrived.length - 1; i >= 0; i--) {
    if (arrived[i].index > lastIndex) arrived.splice(i, 1);
  }
}
