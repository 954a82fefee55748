import { InputError } from '@backstage/errors';
import { SentryResponseError } from './errors';
import { LinkHeaderError, nextPageUrl } from './linkHeader';
import { RateBudget } from './RateBudget';
import { Semaphore } from './Semaphore';
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
   */
  async *paginate<T>(
    path: string,
    options: PaginateOptions<T>,
  ): AsyncGenerator<SentryPage<T>> {
    const { endpoint, itemSchema, signal } = options;
    const requested = Math.floor(options.perPage ?? MAX_PER_PAGE);
    const perPage = Number.isFinite(requested)
      ? Math.min(MAX_PER_PAGE, Math.max(1, requested))
      : MAX_PER_PAGE;
    let url: URL | undefined = buildApiUrl(this.#base, path, {
      ...options.query,
      per_page: String(perPage),
    });
    for (let pageIndex = 0; url; pageIndex++) {
      const current: URL = url;
      const page = await this.#guard(async () => {
        const { body, headers } = await sendWithRetries(
          this.#shared,
          current,
          endpoint,
          signal,
        );
        if (!Array.isArray(body)) {
          throw new SentryResponseError(
            `Sentry's answer to GET ${current.pathname} (page ${pageIndex + 1}) is ` +
              `${describeJsonType(body)}, not a list; this Sentry version may not be supported.`,
            { endpoint, path: current.pathname, problem: 'not-an-array' },
          );
        }
        return {
          ...validateItems(body, itemSchema, endpoint),
          next: this.#nextPage(headers, current, endpoint, pageIndex, body),
        };
      });
      yield { items: page.items, invalid: page.invalid, pageIndex };
      // A bad Link header is raised after its page is handed over: those
      // items are valid, only the rest of the listing is out of reach.
      if (page.next instanceof Error) throw this.#failed(page.next);
      url = page.next;
    }
  }

  #nextPage(
    headers: Headers,
    url: URL,
    endpoint: SentryEndpoint,
    pageIndex: number,
    body: unknown[],
  ): URL | undefined | SentryResponseError {
    try {
      const next = nextPageUrl(headers.get('link'), url);
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
    budget: new RateBudget({
      maxWaitMs: options.maxRateLimitWaitMs ?? 120_000,
      onWait: ms => {
        stats.budgetWaitMs += ms;
        logger?.debug(`Waited ${ms} ms for a Sentry rate-limit window`);
      },
    }),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 4,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 20_000,
    logger,
  };
}

function describeJsonType(body: unknown): string {
  if (body === null) return 'null';
  return typeof body === 'object' ? 'an object' : `a ${typeof body}`;
}
