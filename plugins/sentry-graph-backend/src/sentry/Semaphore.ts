import { listenForAbort, throwIfAborted } from './abort';

/**
 * Counts requests in flight. One instance is shared by a client and all of
 * its region clients so the whole sync stays within maxConcurrency, whatever
 * host each request goes to. Waiters are served first come, first served.
 */
export class Semaphore {
  readonly #capacity: number;
  #inUse = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(
        `maxConcurrency must be a positive integer, got ${capacity}`,
      );
    }
    this.#capacity = capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  get inUse(): number {
    return this.#inUse;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    if (this.#inUse < this.#capacity && this.#waiters.length === 0) {
      this.#inUse++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      let stopListening = () => {};
      const grant = () => {
        stopListening();
        resolve();
      };
      this.#waiters.push(grant);
      stopListening = listenForAbort(signal, error => {
        const index = this.#waiters.indexOf(grant);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(error);
      });
    });
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) {
      // The slot passes straight to the next waiter; #inUse stays the same.
      next();
    } else {
      this.#inUse--;
    }
  }
}
