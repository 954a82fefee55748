import type { SentryEndpoint } from './types';

/** One concurrent listing's part of its endpoint's window. */
export interface WindowShare {
  /** Pages this listing may ask for or hold at once now. */
  size(): number;
  close(): void;
}

/**
 * Splits an endpoint's page window between the listings that read it
 * concurrently at the same time (a release listing per status and per
 * organization). The window is sized to keep the endpoint's rate busy;
 * each listing sized alone would hold that many pages again, and memory
 * would grow with the number of listings instead of staying with the
 * endpoint's window.
 */
export class WindowShares {
  readonly #open = new Map<SentryEndpoint, number>();

  open(endpoint: SentryEndpoint, endpointWindow: () => number): WindowShare {
    this.#open.set(endpoint, (this.#open.get(endpoint) ?? 0) + 1);
    let closed = false;
    return {
      size: () =>
        Math.max(
          1,
          Math.ceil(endpointWindow() / (this.#open.get(endpoint) ?? 1)),
        ),
      close: () => {
        if (closed) return;
        closed = true;
        const left = (this.#open.get(endpoint) ?? 1) - 1;
        if (left > 0) this.#open.set(endpoint, left);
        else this.#open.delete(endpoint);
      },
    };
  }
}
