import { InputError } from '@backstage/errors';
import { SentryResponseError } from './errors';
import { LinkHeaderError, nextPageCursor } from './linkHeader';
import { type FetchedPage, readListing } from './listingPages';
import { RateBudget } from './RateBudget';
import {
  MOST_IN_FLIGHT_PER_ENDPOINT,
  usefulConcurrency,
} from './requestConcurrency';
import { ResponseTimes } from './ResponseTimes';
import { Semaphore } from './Semaphore';
import { WindowShares } from './WindowShares';
import { sendWithRetries, type SharedState } from './sendWithRetries';
import type {
  PaginateOptions,
  RequestOptions,
  SentryClientOptions,
  SentryEndpoint,
  SentryPage,
  SentryRequestStats,
} from './types';
import { buildApiUrl, normalizeBaseUrl } from './url';
import { describeZodError, validateItems } from './validateItems';

const MAX_PER_PAGE = 100;

// Handed from forRegion to the constructor it calls, so the public
// constructor keeps the documented one-argument signature.
let sharedForNextClient: SharedState | undefined;

/**
 * Read-only client for Sentry's REST API: bearer auth, Link-header paging,
 * per-endpoint rate-limit budget, bounded retries and per-item validation.
 */
export class SentryClient {
  /**
   * Live counters, shared with every client derived by forRegion. A run
   * takes a copy at its start and subtracts.
   */
  readonly stats: SentryRequestStats;
  /** The normalized base URL requests go to (ends with '/'). */
  readonly baseUrl: string;
  readonly #base: URL;
  readonly #options: SentryClientOptions;
  readonly #shared: SharedState;

  constructor(options: SentryClientOptions) {
    this.#base = normalizeBaseUrl(options.baseUrl);
    this.baseUrl = this.#base.href;
    this.#options = options;
    this.#shared = sharedForNextClient ?? createSharedState(options);
    this.stats = this.#shared.stats;
  }

  /**
   * A client for an organization's region (its `links.regionUrl`) with the
   * same token, rate budget, concurrency limit and stats.
   */
  forRegion(regionUrl: string): SentryClient {
    const region = normalizeBaseUrl(regionUrl);
    if (this.#base.protocol === 'https:' && region.protocol !== 'https:') {
      throw new InputError(
        `The region URL ${region.origin} is not https while ${this.#base.origin} is; ` +
          'refusing to send the token unencrypted.',
      );
    }
    sharedForNextClient = this.#shared;
    try {
      return new SentryClient({ ...this.#options, baseUrl: regionUrl });
    } finally {
      sharedForNextClient = undefined;
    }
  }

  /** GET one JSON document (e.g. `organizations/acme/`) and validate it whole. */
  async getJson<T>(path: string, options: RequestOptions<T>): Promise<T> {
    const { endpoint, schema, signal } = options;
    const url = buildApiUrl(this.#base, path, options.query);
    return this.#guard(async () => {
      const { body } = await sendWithRetries(
        this.#shared,
        url,
        endpoint,
        signal,
      );
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        throw new SentryResponseError(
          `Sentry's answer to GET ${url.pathname} does not have the expected shape ` +
            `(${describeZodError(parsed.error)}); this Sentry version may not be supported.`,
          { endpoint, path: url.pathname, problem: 'invalid-body' },
        );
      }
      return parsed.data;
    });
  }

  /**
   * Pages through a listing, one page per iteration: pages are never
   * collected, so the caller can write each one before the next is fetched.
   * Ends normally only when the listing is complete.
   *
   * When the first page's next cursor has the form of Sentry's offset
   * paginator, the later pages are asked for several at a time (a window
   * sized by concurrencyFor, at most maxPagesInFlight, and split with the
   * endpoint's other listings read at the same time) and come in any order;
   * any other cursor is followed page after page. The pages say which.
   * `sequential` reads every listing page after page.
   */
  paginate<T>(
    path: string,
    options: PaginateOptions<T>,
  ): AsyncGenerator<SentryPage<T>> {
    const perPage = pageSizeOf(options.perPage);
    return readListing({
      endpoint: options.endpoint,
      firstUrl: buildApiUrl(this.#base, path, {
        ...options.query,
        per_page: String(perPage),
      }),
      perPage,
      expectedPages:
        options.expectedItems === undefined
          ? undefined
          : Math.max(1, Math.ceil(options.expectedItems / perPage)),
      signal: options.signal,
      fetchPage: (url, pageIndex, signal) =>
        this.#fetchPage(url, { ...options, signal }, pageIndex),
      mayReadConcurrently: this.#maxPagesInFlight > 1 && !options.sequential,
      openWindow: () =>
        this.#shared.windows.open(options.endpoint, () =>
          Math.min(
            this.#maxPagesInFlight,
            this.concurrencyFor(options.endpoint),
          ),
        ),
      failed: error => this.#failed(error),
    });
  }

  /**
   * How many requests of this endpoint are worth having in flight at once:
   * enough to keep Sentry's announced rate busy over the time its answers
   * take, within its concurrent limit; maxConcurrency where Sentry
   * announces no limit (self-hosted).
   */
  concurrencyFor(endpoint: SentryEndpoint): number {
    const announced = this.#shared.budget.announced(endpoint);
    if (!announced) return this.#shared.semaphore.capacity;
    return usefulConcurrency(
      announced,
      this.#shared.responseTimes.typicalMs(endpoint) ?? 0,
    );
  }

  get #maxPagesInFlight(): number {
    const most = Math.floor(
      this.#options.maxPagesInFlight ?? MOST_IN_FLIGHT_PER_ENDPOINT,
    );
    return Number.isFinite(most) ? Math.max(1, most) : 1;
  }

  /**
   * One page of a listing, validated; `next` is the next page's cursor,
   * undefined on the last page, or the error that makes the rest of the
   * listing unreachable.
   */
  #fetchPage<T>(
    url: URL,
    options: PaginateOptions<T>,
    pageIndex: number,
  ): Promise<FetchedPage<T>> {
    const { endpoint, itemSchema, signal } = options;
    return this.#guard(async () => {
      const { body: answer, headers } = await sendWithRetries(
        this.#shared,
        url,
        endpoint,
        signal,
      );
      const body = itemsOf(answer, options.itemsKey);
      if (!Array.isArray(body)) {
        throw new SentryResponseError(
          `Sentry's answer to GET ${url.pathname} (page ${pageIndex + 1}) is ` +
            `${describeJsonType(body)}, not a list${options.itemsKey ? ` (nor an object with one under "${options.itemsKey}")` : ''}; this Sentry version may not be supported.`,
          { endpoint, path: url.pathname, problem: 'not-an-array' },
        );
      }
      return {
        ...validateItems(body, itemSchema, endpoint),
        next: this.#nextCursor(headers, url, endpoint, pageIndex, body),
      };
    });
  }

  #nextCursor(
    headers: Headers,
    url: URL,
    endpoint: SentryEndpoint,
    pageIndex: number,
    body: unknown[],
  ): string | undefined | SentryResponseError {
    try {
      const next = nextPageCursor(
        headers.get('link'),
        url.searchParams.get('cursor'),
      );
      // Sentry's paginators say results="true" only when rows follow this
      // page, so an empty one cannot be: rows it should have held may be
      // missing from the listing, and following on could go on forever.
      if (next && body.length === 0) {
        return new SentryResponseError(
          `Sentry's answer to GET ${url.pathname} is an empty page (page ${pageIndex + 1}) ` +
            'whose Link header says more results follow; the listing cannot be shown complete.',
          { endpoint, path: url.pathname, problem: 'empty-page' },
        );
      }
      return next;
    } catch (error) {
      if (!(error instanceof LinkHeaderError)) throw error;
      return new SentryResponseError(
        `Cannot continue the listing GET ${url.pathname} after page ${pageIndex + 1}: ` +
          `${error.message}.`,
        { endpoint, path: url.pathname, problem: error.problem },
      );
    }
  }

  /** Runs one logical request; counts its failure and scrubs the token from what escapes. */
  async #guard<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      throw this.#failed(error);
    }
  }

  #failed(error: unknown): unknown {
    // Duck-typed: errors from Node internals may come from another realm.
    if (typeof error !== 'object' || error === null) return error;
    const failure = error as {
      name?: unknown;
      message?: unknown;
      stack?: unknown;
    };
    if (failure.name !== 'AbortError') this.#shared.stats.failedRequests++;
    if (typeof failure.message === 'string') {
      failure.message = this.#shared.redact(failure.message);
    }
    if (typeof failure.stack === 'string') {
      failure.stack = this.#shared.redact(failure.stack);
    }
    return error;
  }
}

function createSharedState(options: SentryClientOptions): SharedState {
  if (!options.token) {
    throw new InputError('A Sentry auth token is required');
  }
  const stats: SentryRequestStats = {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    budgetWaitMs: 0,
    failedRequests: 0,
    byEndpoint: {},
  };
  const logger = options.logger;
  const token = options.token;
  return {
    token,
    // Sentry's error texts are quoted in messages; make sure none can echo the token.
    redact: text =>
      token.length >= 4 ? text.split(token).join('[redacted]') : text,
    stats,
    semaphore: new Semaphore(options.maxConcurrency ?? 4),
    windows: new WindowShares(),
    responseTimes: new ResponseTimes(),
    budget: new RateBudget({
      maxWaitMs: options.maxRateLimitWaitMs ?? 120_000,
      onWait: (ms, endpoint) => {
        stats.budgetWaitMs += ms;
        options.observer?.waited(endpoint, ms);
        logger?.debug(`Waited ${ms} ms for a Sentry rate-limit window`);
      },
    }),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 4,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 20_000,
    logger,
    observer: options.observer,
  };
}

/** Sentry's default and maximum is 100; more is a 400. */
function pageSizeOf(requested: number | undefined): number {
  const size = Math.floor(requested ?? MAX_PER_PAGE);
  return Number.isFinite(size)
    ? Math.min(MAX_PER_PAGE, Math.max(1, size))
    : MAX_PER_PAGE;
}

function describeJsonType(body: unknown): string {
  if (body === null) return 'null';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}

/** The list a page's body holds: the body, or the list under `key` of an object body. */
function itemsOf(body: unknown, key: string | undefined): unknown {
  if (key === undefined || Array.isArray(body)) return body;
  if (typeof body === 'object' && body !== null && key in body)
    return (body as Record<string, unknown>)[key];
  return body;
}
