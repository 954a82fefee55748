import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  InvalidItem,
  ListingReadMode,
  SentryEndpointName,
  SentryRequestStats,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { ZodType } from 'zod';

export type { InvalidItem, ListingReadMode, SentryRequestStats };

/**
 * The Sentry listing or detail a request belongs to. It names the rate-limit
 * bucket (Sentry limits per endpoint, so requests of one kind share a window)
 * and selects the scope hint given when the token is refused.
 */
export type SentryEndpoint = SentryEndpointName;

/** Query values; arrays become repeated keys (`project=1&project=2`), undefined values are left out. */
export type SentryQuery = Record<string, string | string[] | undefined>;

export interface SentryClientOptions {
  /** https://sentry.io, https://us.sentry.io, a self-hosted root or the sample server; without /api/0. */
  baseUrl: string;
  token: string;
  /** Per request, covering headers and body. Default 30_000. */
  timeoutMs?: number;
  /** Retries for 5xx, network errors, timeouts and malformed JSON bodies. Default 4. */
  maxRetries?: number;
  /** Default 500; exponential with full jitter, capped by retryMaxDelayMs. */
  retryBaseDelayMs?: number;
  /** Default 20_000. */
  retryMaxDelayMs?: number;
  /**
   * Requests in flight across this client and every client derived with
   * forRegion, for endpoints where Sentry announces no rate limit
   * (self-hosted). Where it announces one, its rate and concurrent limits
   * bound the requests instead. Default 4.
   */
  maxConcurrency?: number;
  /**
   * Pages of one offset-paginated listing asked for at once, at most; the
   * window is otherwise sized from Sentry's announced rate and the latency
   * observed. 1 reads every listing page after page. Default 24.
   */
  maxPagesInFlight?: number;
  /** Longest single wait for a rate-limit reset before the request fails. Default 120_000. */
  maxRateLimitWaitMs?: number;
  /** Debug messages for retries and waits. The token is never logged. */
  logger?: LoggerService;
  /** Told of each request's answer and each rate-limit wait, for the plugin's metrics. */
  observer?: SentryRequestObserver;
}

/**
 * What the plugin's metrics need beyond SentryRequestStats: each answer's
 * HTTP status and each wait's endpoint. The run's result keeps its shape;
 * the sync's worker tallies these and hands them over with the result.
 */
export interface SentryRequestObserver {
  /** Once per request sent (as stats.requests counts); `status` undefined when no answer came. */
  answered(endpoint: SentryEndpoint, status: number | undefined): void;
  /** Once per request that waited for its rate-limit window, with how long (as stats.budgetWaitMs sums). */
  waited(endpoint: SentryEndpoint, ms: number): void;
}

export interface RequestOptions<T> {
  endpoint: SentryEndpoint;
  schema: ZodType<T>;
  query?: SentryQuery;
  signal?: AbortSignal;
}

export interface PaginateOptions<T> {
  endpoint: SentryEndpoint;
  itemSchema: ZodType<T>;
  query?: SentryQuery;
  signal?: AbortSignal;
  /** Default and maximum 100 (Sentry rejects more with 400). */
  perPage?: number;
  /**
   * Page after page, never a window ahead: for a listing its reader may
   * stop early (a routine run's newest-first reads), where pages asked
   * for in advance would be requests spent on pages nobody reads.
   */
  sequential?: boolean;
  /**
   * Where the body is an object holding the page's items under this key
   * (the audit log's `{rows, options}`); a bare list is taken as well, as
   * older Sentry versions answer.
   */
  itemsKey?: string;
  /**
   * How many items the listing held when last read (the graph's count):
   * pages past those are not asked for in advance, so that reading to the
   * end costs no request for a page that is not there.
   */
  expectedItems?: number;
}

export interface SentryPage<T> {
  items: T[];
  invalid: InvalidItem[];
  /** 0 for the first page. Pages read concurrently arrive in any order. */
  pageIndex: number;
  /** How the listing was read; the same on every page of it. */
  mode: ListingReadMode;
}
