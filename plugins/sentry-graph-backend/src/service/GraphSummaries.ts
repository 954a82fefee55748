import type { LoggerService } from '@backstage/backend-plugin-api';
import type { OrganizationSummary } from '@sentry-graph/plugin-sentry-graph-common';
import type { SentryLinks } from '../graph/sentryLinks';
import type { SentryGraphStore } from '../graph/SentryGraphStore';
import { readGraphSummary } from '../graph/summary';
import { describeError } from '../sync/describeError';
import type { SummaryStore } from './SummaryStore';

/**
 * What GET /summary serves: the summaries each run stores once it ended
 * (counting XL's graph takes seconds; serving a stored row, milliseconds),
 * each saying when it was computed. Before any run stored one, they are
 * computed when asked for, and stored.
 */
export class GraphSummaries {
  constructor(
    private readonly options: {
      graph: SentryGraphStore;
      links: SentryLinks;
      store: SummaryStore;
      logger: LoggerService;
    },
  ) {}

  /** Reads every organization's summary from the graph and stores them. */
  async refresh(runId?: string): Promise<OrganizationSummary[]> {
    const { graph, links, store } = this.options;
    const summaries = await readGraphSummary(graph, { links, runId });
    await store.replaceAll(summaries);
    return summaries;
  }

  /** After a run: refreshes, logging (not throwing) a failure, so the run's record is not lost to it. */
  async refreshAfterRun(runId: string): Promise<void> {
    const started = Date.now();
    try {
      const summaries = await this.refresh(runId);
      this.options.logger.info(
        `Stored the graph summary of ${summaries.length} organization(s) in ${Date.now() - started} ms`,
      );
    } catch (error) {
      this.options.logger.warn(
        `The graph summary was not refreshed; /summary serves the previous one: ${describeError(error)}`,
      );
    }
  }

  /** The stored summaries (of one organization when `slug` is given). */
  async read(slug?: string): Promise<OrganizationSummary[]> {
    const stored = await this.options.store.list(slug);
    if (stored) return stored;
    const fresh = await this.refresh();
    return fresh.filter(
      s => slug === undefined || s.organization.slug === slug,
    );
  }
}
