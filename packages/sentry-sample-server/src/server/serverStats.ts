import type { SampleServerStats } from '../types/serverOptions';

/** Request counters a test or benchmark reads to check how a client behaved. */
export class ServerStats {
  requests = 0;
  rateLimited = 0;
  maxConcurrent = 0;
  private inFlight = 0;
  private byEndpoint = new Map<string, number>();

  requestStarted(endpointKey: string): void {
    this.requests++;
    this.byEndpoint.set(
      endpointKey,
      (this.byEndpoint.get(endpointKey) ?? 0) + 1,
    );
    this.inFlight++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight);
  }

  requestEnded(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  snapshot(maxInWindow: ReadonlyMap<string, number>): SampleServerStats {
    return {
      requests: this.requests,
      byEndpoint: Object.fromEntries(this.byEndpoint),
      rateLimited: this.rateLimited,
      maxInWindow: Object.fromEntries(maxInWindow),
      maxConcurrent: this.maxConcurrent,
    };
  }

  /** Clears the counters; requests still in flight keep counting as in flight. */
  reset(): void {
    this.requests = 0;
    this.rateLimited = 0;
    this.maxConcurrent = this.inFlight;
    this.byEndpoint = new Map();
  }
}
