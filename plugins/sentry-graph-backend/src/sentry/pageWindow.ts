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
  /**
   * How many pages the listing is expected to have (from its size at the
   * last read). The window opens up to that page as usual; past it, it
   * asks only for pages a page before them has shown to exist, and opens
   * again as the listing proves longer, so that the end of a listing of
   * the expected size costs no request for a page that is not there.
   */
  expectedPages?: number;
  signal?: AbortSignal;
}

interface Arrived<P> {
  index: number;
  value: P;
  last: boolean;
}

class PageWindow<P> {
  private readonly inFlight = new Map<number, AbortController>();
  private readonly arrived: Arrived<P>[] = [];
  private readonly failures = new Map<number, unknown>();
  private nextIndex: number;
  private lastIndex = Infinity;
  private furthestWithMore: number;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(private readonly options: PageWindowOptions<P>) {
    this.nextIndex = options.firstIndex;
    this.furthestWithMore = options.firstIndex - 1;
  }

  async *pages(): AsyncGenerator<P> {
    const { signal } = this.options;
    const stopListening = listenForAbort(signal, () => {
      for (const controller of this.inFlight.values()) controller.abort();
      this.notify();
    });
    try {
      this.askForMore();
      for (;;) {
        throwIfAborted(signal);
        const page = this.takeReady();
        if (page) {
          yield page.value;
          this.askForMore();
          continue;
        }
        const failure = this.blockingFailure();
        if (failure) throw failure.error;
        if (this.inFlight.size === 0) {
          if (this.nextIndex > this.lastIndex) return;
          // Nothing asked for and nothing to wait on cannot happen: a
          // failure that paused the window is either thrown or dropped.
          throw new Error(`page window stalled before page ${this.nextIndex}`);
        }
        await this.nextSettled();
      }
    } finally {
      this.closed = true;
      stopListening();
      for (const controller of this.inFlight.values()) controller.abort();
    }
  }

  private askForMore(): void {
    while (
      !this.closed &&
      !this.options.signal?.aborted &&
      this.failures.size === 0 &&
      this.nextIndex <= this.lastIndex &&
      this.nextIndex <= this.furthestToAsk() &&
      this.inFlight.size + this.arrived.length <
        Math.max(1, this.options.size())
    ) {
      this.ask(this.nextIndex++);
    }
  }

  /**
   * The furthest page worth asking for: two past the furthest page known
   * to exist, doubling as pages say there are more; with an expected
   * size, no further than its last page until the listing proves longer,
   * and then as far past it as it has proved longer.
   */
  private furthestToAsk(): number {
    const known = this.furthestWithMore;
    const opening = 2 * known + 2;
    if (this.options.expectedPages === undefined) return opening;
    const expectedLast = this.options.expectedPages - 1;
    return Math.max(
      Math.min(opening, expectedLast),
      known + 1,
      2 * known + 1 - expectedLast,
    );
  }

  private ask(index: number): void {
    const controller = new AbortController();
    this.inFlight.set(index, controller);
    this.options.fetchPage(index, controller.signal).then(
      page => this.settle(index, () => this.arrive(index, page)),
      error =>
        this.settle(index, () => {
          if (index <= this.lastIndex) this.failures.set(index, error);
        }),
    );
  }

  private settle(index: number, outcome: () => void): void {
    this.inFlight.delete(index);
    if (this.closed) return;
    outcome();
    this.askForMore();
    this.notify();
  }

  private arrive(index: number, page: WindowPage<P>): void {
    if (page.last) this.endAt(index);
    else this.furthestWithMore = Math.max(this.furthestWithMore, index);
    if (index <= this.lastIndex) {
      this.arrived.push({ index, value: page.value, last: page.last });
    }
  }

  /** The listing ends at `index` at the latest: drop whatever lies beyond. */
  private endAt(index: number): void {
    this.lastIndex = Math.min(this.lastIndex, index);
    for (const [pending, controller] of this.inFlight) {
      if (pending > this.lastIndex) controller.abort();
    }
    for (const failed of [...this.failures.keys()]) {
      if (failed > this.lastIndex) this.failures.delete(failed);
    }
    for (let i = this.arrived.length - 1; i >= 0; i--) {
      if (this.arrived[i].index > this.lastIndex) this.arrived.splice(i, 1);
    }
  }

  /**
   * The next arrived page that is surely part of the listing: one with a
   * next page, or a last page with every page before it answered.
   */
  private takeReady(): Arrived<P> | undefined {
    const index = this.arrived.findIndex(
      page => !page.last || !this.anyInFlightBefore(page.index),
    );
    return index < 0 ? undefined : this.arrived.splice(index, 1)[0];
  }

  /** The first failure with every page before it answered: it is part of the listing. */
  private blockingFailure(): { error: unknown } | undefined {
    if (this.failures.size === 0) return undefined;
    const first = Math.min(...this.failures.keys());
    return this.anyInFlightBefore(first)
      ? undefined
      : { error: this.failures.get(first) };
  }

  private anyInFlightBefore(index: number): boolean {
    for (const pending of this.inFlight.keys()) {
      if (pending < index) return true;
    }
    return false;
  }

  private nextSettled(): Promise<void> {
    return new Promise(resolve => {
      this.wake = resolve;
    });
  }

  private notify(): void {
    const resolve = this.wake;
    this.wake = undefined;
    resolve?.();
  }
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
 * paginator answers past the last row). A page that fails (after the
 * client's retries) fails the listing once every page before it has
 * answered without ending the listing; until then it may lie beyond the end
 * and not matter. The window opens gradually (two pages past the furthest
 * page known to exist), so a listing of two or three pages asks for at most
 * one page too many.
 */
export function readPageWindow<P>(
  options: PageWindowOptions<P>,
): AsyncGenerator<P> {
  return new PageWindow(options).pages();
}
