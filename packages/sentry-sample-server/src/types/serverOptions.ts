import type { ChangeBatch, ChangeSummary } from './sampleChange';
import type { SampleData } from './sampleData';

export type TokenKind = 'user' | 'integration' | 'org';

export interface SampleToken {
  token: string;
  /** Scopes the token was created with; `X:admin` implies `X:write` implies `X:read`. */
  scopes: string[];
  /** Default 'user'. Integration and org tokens are not members: /organizations/ lists nothing for them. */
  kind?: TokenKind;
  /**
   * The caller's membership id (user tokens). The server finds the member, takes its user id and
   * treats the caller as that user in every organization (matched by user id). Without it a user
   * token acts like a superuser: it sees every organization and is limited only by its scopes.
   */
  memberId?: string;
  /** Integration and org tokens are bound to one organization (slug or id); others get 403. */
  organization?: string;
}

export interface RateLimitOptions {
  limit: number;
  windowSeconds: number;
  /** Reported in X-Sentry-Rate-Limit-ConcurrentLimit (default 25). */
  concurrentLimit?: number;
  /** Answer 429 above concurrentLimit (Sentry's ENFORCE_CONCURRENT_RATE_LIMITS, default false). */
  enforceConcurrent?: boolean;
  /** false = self-hosted: no X-Sentry-Rate-Limit-* headers, no 429. */
  enabled?: boolean;
}

/** Network time added to every answer (`--latency MS`): see server/networkLatency.ts. */
export interface LatencyOptions {
  /** The round trip, split evenly between the request's way in and the answer's way out. */
  ms: number;
  /** Each half varies by up to this share either way (default 0.2). */
  jitter?: number;
}

export type FaultKind =
  | 'status'
  | 'gone'
  | 'slow'
  | 'drop'
  | 'reset'
  | 'malformed-json'
  | 'invalid-items'
  | 'rate-limit'
  | 'delete-row'
  | 'cursor-loop'
  | 'empty-page';

/** How an 'invalid-items' fault breaks an item. */
export type ItemCorruption =
  'missing-id' | 'wrong-id-type' | 'null-name' | 'wrong-field-type';

export interface FaultRule {
  /** string: the request pathname contains it; RegExp: tested against the pathname. */
  path: string | RegExp;
  /** Only the request for this 0-based page index of a listing (by cursor). */
  page?: number;
  kind: FaultKind;
  /** For 'status' (default 500). */
  status?: number;
  /**
   * For 'status': an HTML error page instead of Sentry's JSON, as the load balancer or proxy in
   * front of Sentry sends for a 502 or 503.
   */
  html?: boolean;
  /**
   * For 'rate-limit': X-Sentry-Rate-Limit-Reset this many seconds ahead, as a longer window
   * announces (default: the end of the current window).
   */
  resetInSeconds?: number;
  /** For 'invalid-items': how many items of the page to break (default 4: the 2nd, 4th, 6th, 8th). */
  items?: number;
  /** For 'invalid-items': break every item this way (default: each of the four ways in turn). */
  corruption?: ItemCorruption;
  /** For 'slow' (default 30,000 ms). */
  delayMs?: number;
  /** Apply to the first N matching requests only (default: every matching request). */
  times?: number;
  /**
   * For 'delete-row': the position, in serving order, of the row of the requested listing to
   * delete from the data just before this request is answered (default 0). Deleting a row that
   * an earlier page served shifts the later pages by one, as Sentry's offset pagination does
   * when a row is deleted while a client pages through: one row goes unseen. The row is gone
   * for good (its detail answers 404). Use with `page` and `times: 1`.
   */
  row?: number;
}

export interface SampleServerOptions {
  data: SampleData;
  /** 0 = ephemeral (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: one user token 'sample-token' with every scope. */
  tokens?: SampleToken[];
  /** Default {limit: 40, windowSeconds: 1}. */
  rateLimit?: RateLimitOptions;
  faults?: FaultRule[];
  /** Default: none, as on localhost. */
  latency?: LatencyOptions;
  /** Default 100 (the maximum stays 100, as on Sentry). */
  perPageDefault?: number;
  /**
   * Sentry's `system.url-prefix`, e.g. `https://sentry.example.com`. Sentry builds the URLs of
   * its Link headers and the organizations' `links` from it, not from the Host the request came
   * to (src/sentry/api/base.py `Endpoint.build_cursor_link` → `absolute_uri`), so behind a proxy
   * they name a host the client never called. Default: the request's own scheme and Host.
   */
  urlPrefix?: string;
}

export interface SampleServerStats {
  /** All requests received. */
  requests: number;
  /** Key = method + route template, e.g. 'GET /api/0/teams/{org}/{team}/members/'. */
  byEndpoint: Record<string, number>;
  /** 429s answered. */
  rateLimited: number;
  /** Per endpoint key: the most requests one token sent in any one rate-limit window. */
  maxInWindow: Record<string, number>;
  /** Most requests in flight at once. */
  maxConcurrent: number;
}

export interface SampleServer {
  /** e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  setData(data: SampleData): void;
  /**
   * Applies a batch of changes to what the server serves (and to its audit log), all or
   * nothing; throws a SampleChangeError naming the change that cannot be applied.
   */
  applyChanges(batch: ChangeBatch): ChangeSummary;
  setFaults(faults: FaultRule[]): void;
  stats(): SampleServerStats;
  resetStats(): void;
  close(): Promise<void>;
}
