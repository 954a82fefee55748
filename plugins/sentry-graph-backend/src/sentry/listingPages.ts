import { SentryResponseError } from './errors';
import { withCursor } from './linkHeader';
import { isOffsetCursorAfterFirstPage, offsetCursor } from './offsetCursor';
import { readPageWindow } from './pageWindow';
import type { WindowShare } from './WindowShares';
import type {
  InvalidItem,
  ListingReadMode,
  SentryEndpoint,
  SentryPage,
} from './types';

/** One page as the client fetched and validated it. */
export interface FetchedPage<T> {
  items: T[];
  invalid: InvalidItem[];
  /** The next page's cursor; undefined on the last page; the error that puts the rest out of reach. */
  next: string | undefined | SentryResponseError;
}

/** What reading a listing needs from the client. */
export interface ListingSource<T> {
  endpoint: SentryEndpoint;
  /** The first page's URL, with per_page and without a cursor. */
  firstUrl: URL;
  perPage: number;
  /** Pages the listing is expected to have (PageWindowOptions.expectedPages). */
  expectedPages?: number;
  signal?: AbortSignal;
  /** One page; the signal is the listing's, or a page's own in a concurrent read. */
  fetchPage(
    url: URL,
    pageIndex: number,
    signal: AbortSignal | undefined,
  ): Promise<FetchedPage<T>>;
  /** False when at most one page may be in flight: every listing is then read page after page. */
  mayReadConcurrently: boolean;
  /** This listing's part of its endpoint's page window, while it is read concurrently. */
  openWindow(): WindowShare;
  /** Counts an error that ends the listing and scrubs it. */
  failed(error: unknown): unknown;
}

type ListingPage<T> = Omit<SentryPage<T>, 'mode'>;

/**
 * Reads a listing: its first page, then, when that page's next cursor has
 * the form of Sentry's offset paginator (and more than one page may be in
 * flight), the later pages several at a time (in any order); otherwise each
 * page after the one before. Every page says which way the listing was read.
 */
export async function* readListing<T>(
  source: ListingSource<T>,
): AsyncGenerator<SentryPage<T>> {
  const { next, ...first } = await source.fetchPage(
    source.firstUrl,
    0,
    source.signal,
  );
  const mode = readModeOf(next, source);
  yield { ...first, pageIndex: 0, mode };
  // A bad Link header is raised after its page is handed over: those
  // items are valid, only the rest of the listing is out of reach.
  if (next instanceof Error) throw source.failed(next);
  if (next === undefined) return;
  const rest =
    mode === 'concurrent'
      ? readConcurrently(source)
      : readSequentially(source, withCursor(source.firstUrl, next));
  for await (const page of rest) yield { ...page, mode };
}

function readModeOf<T>(
  next: FetchedPage<T>['next'],
  source: ListingSource<T>,
): ListingReadMode {
  if (next === undefined) return 'single-page';
  return typeof next === 'string' &&
    source.mayReadConcurrently &&
    isOffsetCursorAfterFirstPage(next, source.perPage)
    ? 'concurrent'
    : 'sequential';
}

async function* readSequentially<T>(
  source: ListingSource<T>,
  secondUrl: URL,
): AsyncGenerator<ListingPage<T>> {
  let url = secondUrl;
  for (let pageIndex = 1; ; pageIndex++) {
    const { next, ...page } = await source.fetchPage(
      url,
      pageIndex,
      source.signal,
    );
    yield { ...page, pageIndex };
    if (next instanceof Error) throw source.failed(next);
    if (next === undefined) return;
    url = withCursor(url, next);
  }
}

async function* readConcurrently<T>(
  source: ListingSource<T>,
): AsyncGenerator<ListingPage<T>> {
  const window = source.openWindow();
  try {
    yield* readWindow(source, window);
  } finally {
    window.close();
  }
}

function readWindow<T>(
  source: ListingSource<T>,
  window: WindowShare,
): AsyncGenerator<ListingPage<T>> {
  const { perPage, endpoint } = source;
  return readPageWindow({
    firstIndex: 1,
    signal: source.signal,
    size: window.size,
    expectedPages: source.expectedPages,
    fetchPage: async (pageIndex, signal) => {
      const url = withCursor(source.firstUrl, offsetCursor(perPage, pageIndex));
      const { next, ...page } = await source.fetchPage(url, pageIndex, signal);
      if (next instanceof Error) throw source.failed(next);
      if (next !== undefined && next !== offsetCursor(perPage, pageIndex + 1)) {
        // The pages asked for in advance may not be the listing's pages.
        throw source.failed(
          new SentryResponseError(
            `Cannot continue the listing GET ${url.pathname} after page ${pageIndex + 1}: ` +
              "its next cursor no longer has the form of Sentry's offset paginator.",
            { endpoint, path: url.pathname, problem: 'bad-link-header' },
          ),
        );
      }
      return { value: { ...page, pageIndex }, last: next === undefined };
    },
  });
}
