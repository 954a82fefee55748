import type { PaginateOptions, SentryEndpoint, SentryPage } from '../sentry';
import { emptyKindResult, type OrganizationContext } from './context';
import { describeError } from './describeError';
import type { KeptReport, KindResult, SyncKind } from './types';

/** How many invalid items a result lists in full; the count covers the rest. */
const INVALID_ITEMS_REPORTED = 20;

/** One listing to read: its path, and how (PaginateOptions: `sequential` for one that may stop early). */
export interface Listing<T> extends Pick<
  PaginateOptions<T>,
  'endpoint' | 'itemSchema' | 'query' | 'sequential' | 'expectedItems'
> {
  path: string;
}

/** What a page's handler answers to stop its listing there: nothing after it is needed. */
export const STOP_LISTING = 'stop-listing';

/**
 * One kind's bookkeeping for one organization: counts, whether every listing
 * completed, and which ids cleanup must not touch because Sentry sent them
 * in a shape we could not read this time.
 */
export class KindTally {
  readonly result: KindResult = emptyKindResult();
  private readonly protectedIdSet = new Set<string>();
  private invalidWithoutId = 0;
  private readonly startedAt = Date.now();

  constructor(
    readonly kind: SyncKind,
    private readonly context: OrganizationContext,
    /**
     * False when an invalid item's `id` is not the node's id (releases are
     * keyed by version): then any invalid item blocks the kind's cleanup.
     */
    private readonly invalidIdsAreNodeIds = true,
  ) {}

  get protectedIds(): string[] {
    return [...this.protectedIdSet];
  }

  get complete(): boolean {
    return this.result.status === 'complete';
  }

  /**
   * Pages through a listing, handing each page's valid items on as they
   * arrive (in any order when the listing is read concurrently), until the
   * last page or a handler that answers STOP_LISTING.
   */
  async consume<T>(
    listing: Listing<T>,
    handlePage: (items: T[]) => Promise<void | typeof STOP_LISTING>,
  ): Promise<void> {
    const { client, signal, progress, organization } = this.context;
    const pages = client.paginate(listing.path, {
      endpoint: listing.endpoint,
      itemSchema: listing.itemSchema,
      query: listing.query,
      sequential: listing.sequential,
      expectedItems: listing.expectedItems,
      signal,
    });
    for await (const page of pages) {
      this.recordPage(page);
      this.recordRead(listing.endpoint, page);
      progress.record(
        organization.slug,
        this.kind,
        page.items.length + page.invalid.length,
      );
      if ((await handlePage(page.items)) === STOP_LISTING) break;
    }
  }

  recordPage(page: SentryPage<unknown>): void {
    this.result.fetched += page.items.length + page.invalid.length;
    this.result.invalid += page.invalid.length;
    for (const item of page.invalid) {
      if (this.result.invalidItems.length < INVALID_ITEMS_REPORTED) {
        this.result.invalidItems.push(item);
      }
      if (item.id !== undefined && this.invalidIdsAreNodeIds)
        this.protectedIdSet.add(item.id);
      else this.invalidWithoutId += 1;
    }
  }

  /** Counts the listing (at its first page) and the page under the way it was read. */
  private recordRead(
    endpoint: SentryEndpoint,
    page: SentryPage<unknown>,
  ): void {
    const reads = (this.result.listingReads ??= []);
    let entry = reads.find(
      read => read.endpoint === endpoint && read.mode === page.mode,
    );
    if (!entry) {
      entry = { endpoint, mode: page.mode, listings: 0, pages: 0 };
      reads.push(entry);
    }
    if (page.pageIndex === 0) entry.listings += 1;
    entry.pages += 1;
  }

  /** The kind's listing did not complete: nothing of it will be deleted. */
  fail(error: unknown, during?: string): void {
    this.result.status = 'incomplete';
    const message = describeError(error);
    const line = during ? `${during}: ${message}` : message;
    this.result.error = this.result.error
      ? `${this.result.error}; ${line}`
      : line;
  }

  /** Records how long the kind took to list and write. */
  stop(): void {
    this.result.durationMs = Date.now() - this.startedAt;
  }

  keep(report: KeptReport): void {
    this.result.kept.push(report);
  }

  /** Keeps these nodes' relationships of this kind out of this run's cleanup. */
  protect(ids: Iterable<string>): void {
    for (const id of ids) this.protectedIdSet.add(id);
  }

  /** Something Sentry sent that was accepted but is worth knowing about. */
  warn(message: string): void {
    (this.result.warnings ??= []).push(message);
  }

  /**
   * Why cleanup must not run for this kind, or undefined when it may. An
   * invalid item whose id we could not read might be any existing node.
   */
  cleanupBlocker(): string | undefined {
    if (this.context.signal?.aborted) return 'the run was aborted';
    if (!this.complete) {
      return `the listing did not complete (${this.result.error ?? 'unknown error'})`;
    }
    if (this.invalidWithoutId > 0) {
      return `${this.invalidWithoutId} invalid item(s) without a readable id`;
    }
    return undefined;
  }
}
