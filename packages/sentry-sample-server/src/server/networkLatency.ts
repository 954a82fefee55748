import type { LatencyOptions } from '../types/serverOptions';

const DEFAULT_JITTER = 0.2;
/** A body this big adds a fifth of the latency: its transfer, and Sentry serializing more rows. */
const BYTES_PER_FIFTH = 100_000;
/** However big the body, it adds at most half the latency. */
const MAX_SIZE_SHARE = 0.5;

/**
 * What the network between a client and sentry.io adds to a request: half
 * of the round trip before the request reaches Sentry (so the rate limiter
 * counts it that much later than it was sent), half on the way back, each
 * with jitter, and a little more for a bigger answer. Without options it
 * adds nothing, as on localhost.
 */
export class NetworkLatency {
  private readonly halfMs: number;
  private readonly jitter: number;

  constructor(
    options: LatencyOptions | undefined,
    private readonly random: () => number = Math.random,
  ) {
    this.halfMs = Math.max(0, options?.ms ?? 0) / 2;
    this.jitter = Math.min(1, Math.max(0, options?.jitter ?? DEFAULT_JITTER));
  }

  /** The request's way to Sentry. */
  inboundMs(): number {
    return this.jittered(this.halfMs);
  }

  /** The answer's way back, longer for a bigger body. */
  outboundMs(bodyBytes: number): number {
    if (this.halfMs === 0) return 0;
    const sizeShare = Math.min(
      MAX_SIZE_SHARE,
      (0.2 * bodyBytes) / BYTES_PER_FIFTH,
    );
    return this.jittered(this.halfMs) + 2 * this.halfMs * sizeShare;
  }

  private jittered(ms: number): number {
    return ms * (1 + this.jitter * (2 * this.random() - 1));
  }
}
