import type { SentryEndpoint } from './types';

/** How much one new answer moves the typical time: recent answers count most. */
const WEIGHT = 0.2;

/**
 * The typical time one request of each endpoint takes, from sending it to
 * having read its body: the network's round trip plus Sentry's own time to
 * build the page. Pages of different endpoints cost Sentry very different
 * times, so each endpoint has its own.
 */
export class ResponseTimes {
  readonly #typicalMs = new Map<SentryEndpoint, number>();

  record(endpoint: SentryEndpoint, ms: number): void {
    const typical = this.#typicalMs.get(endpoint);
    this.#typicalMs.set(
      endpoint,
      typical === undefined ? ms : typical + WEIGHT * (ms - typical),
    );
  }

  /** Undefined until the endpoint has answered once. */
  typicalMs(endpoint: SentryEndpoint): number | undefined {
    return this.#typicalMs.get(endpoint);
  }
}
