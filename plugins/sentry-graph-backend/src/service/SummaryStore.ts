import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  CatalogSummary,
  OrganizationSummary,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { Knex } from 'knex';
import { openPluginDatabase } from './openPluginDatabase';

const TABLE = 'sentry_graph_summaries';
const CATALOG_TABLE = 'sentry_graph_catalog_summary';
const CATALOG_ROW = 'catalog';

interface SummaryRow {
  organization_id: string;
  slug: string;
  computed_at: string | Date;
  run_id: string | null;
  summary_json: string;
}

/**
 * The summaries GET /summary serves, one row per organization, written
 * after each run (see the migration for why). Replicas sharing a database
 * serve the same figures.
 */
export class SummaryStore {
  static async create({
    database,
  }: {
    database: DatabaseService;
  }): Promise<SummaryStore> {
    return new SummaryStore(await openPluginDatabase(database));
  }

  private constructor(private readonly knex: Knex) {}

  /**
   * Replaces every stored summary with these, in one transaction: the tables
   * then mirror the graph as it was at `computedAt`.
   */
  async replaceAll(
    summaries: OrganizationSummary[],
    catalog?: CatalogSummary,
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx(CATALOG_TABLE).delete();
      if (catalog) {
        await tx(CATALOG_TABLE).insert({
          id: CATALOG_ROW,
          computed_at: catalog.computedAt,
          run_id: catalog.runId ?? null,
          summary_json: JSON.stringify(catalog),
        });
      }
      await tx(TABLE).delete();
      for (const summary of summaries) {
        await tx<SummaryRow>(TABLE).insert({
          organization_id: summary.organization.id,
          slug: summary.organization.slug,
          computed_at: summary.computedAt,
          run_id: summary.runId ?? null,
          summary_json: JSON.stringify(summary),
        });
      }
    });
  }

  /** The stored catalog summary, if the last refresh had one. */
  async catalog(): Promise<CatalogSummary | undefined> {
    const row: { summary_json: string } | undefined = await this.knex(
      CATALOG_TABLE,
    )
      .where({ id: CATALOG_ROW })
      .first('summary_json');
    return row ? (JSON.parse(row.summary_json) as CatalogSummary) : undefined;
  }

  /**
   * The stored summaries, ordered by slug, or only the one with `slug`;
   * undefined when none were ever stored (a new installation, or one from
   * before summaries were stored).
   */
  async list(slug?: string): Promise<OrganizationSummary[] | undefined> {
    const rows = await this.knex<SummaryRow>(TABLE)
      .select('summary_json', 'slug')
      .orderBy([{ column: 'slug' }, { column: 'organization_id' }]);
    if (rows.length === 0) return undefined;
    return rows
      .filter(row => slug === undefined || row.slug === slug)
      .map(row => JSON.parse(row.summary_json) as OrganizationSummary);
  }
}
