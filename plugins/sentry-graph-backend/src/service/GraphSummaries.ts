import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SummaryResponse } from '@sentry-graph/plugin-sentry-graph-common';
import { readCatalogSummary } from '../graph/catalogSummary';
import type { SentryLinks } from '../graph/sentryLinks';
import type { GraphReader } from '../graph/Neo4jSessions';
import type { SentryGraphStore } from '../graph/SentryGraphStore';
import { readGraphSummary } from '../graph/summary';
import { describeError } from '../sync/describeError';
import { SharedReads } from './sharedReads';
import type { SummaryStore } from './SummaryStore';

/**
 * How long a stored summary read is served from memory. This replica's runs
 * clear it at once; another replica's run shows here within this time.
 */
const SUMMARY_READ_TTL_MS = 5_000;

/**
 * What GET /summary serves: the summaries each run stores once it ended
 * (counting XL's graph takes seconds; serving a stored row, milliseconds),
 * each saying when it was computed. Before any run stored one, they are
 * computed when asked for, and stored.
 */
export class GraphSummaries {
  private readonly reads = new SharedReads(
    (slug: string) => this.readStored(slug || undefined),
    SUMMARY_READ_TTL_MS,
  );

  constructor(
    private readonly options: {
      graph: SentryGraphStore;
      links: SentryLinks;
      store: SummaryStore;
      logger: LoggerService;
      /** The catalog's part, when the catalog is joined. */
      catalog?: { componentTypes: string[] };
    },
  ) {}

  /** Reads every organization's summary (and the catalog's) from the graph, with its retries, and stores them. */
  refresh(runId?: string): Promise<SummaryResponse> {
    return this.computeAndStore(this.options.graph, runId);
  }

  /** After a run: refreshes, logging (not throwing) a failure, so the run's record is not lost to it. */
  async refreshAfterRun(runId: string): Promise<void> {
    const started = Date.now();
    try {
      const { organizations } = await this.refresh(runId);
      this.options.logger.info(
        `Stored the graph summary of ${organizations.length} organization(s) in ${Date.now() - started} ms`,
      );
    } catch (error) {
      this.options.logger.warn(
        `The graph summary was not refreshed; /summary serves the previous one: ${describeError(error)}`,
      );
    }
  }

  /**
   * The stored summaries: of one organization when `slug` is given, else of
   * all, with the catalog's part when the catalog is joined.
   */
  read(slug?: string): Promise<SummaryResponse> {
    return this.reads.get(slug ?? '');
  }

  private async readStored(slug?: string): Promise<SummaryResponse> {
    const { store } = this.options;
    const stored = await store.list(slug);
    if (!stored) {
      // Asked for by a request: read as requests read, so that a Neo4j
      // that cannot be reached is a prompt error, not minutes of retries.
      const fresh = await this.computeAndStore(this.options.graph.requestReads);
      if (slug === undefined) return fresh;
      return {
        organizations: fresh.organizations.filter(
          s => s.organization.slug === slug,
        ),
      };
    }
    const catalog =
      slug === undefined && this.options.catalog
        ? await store.catalog()
        : undefined;
    return { organizations: stored, ...(catalog ? { catalog } : {}) };
  }

  private async computeAndStore(
    reader: GraphReader,
    runId?: string,
  ): Promise<SummaryResponse> {
    const { links, store, catalog } = this.options;
    const organizations = await readGraphSummary(reader, { links, runId });
    const catalogSummary = catalog
      ? await readCatalogSummary(reader, { ...catalog, links, runId })
      : undefined;
    await store.replaceAll(organizations, catalogSummary);
    this.reads.clear();
    return {
      organizations,
      ...(catalogSummary ? { catalog: catalogSummary } : {}),
    };
  }
}
