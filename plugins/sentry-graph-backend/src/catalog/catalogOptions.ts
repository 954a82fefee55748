/** How the catalog is joined (`sentryGraph.catalog` in config). */
export interface CatalogOptions {
  /** Read the catalog in each run. Default true; the command line never does. */
  enabled: boolean;
  /** Component types expected to have a Sentry project (the "without a Sentry project" finding). */
  componentTypes: string[];
  /**
   * How groups find their Sentry team: `name` (default) — the team whose
   * slug is the group's name, unless the group's sentry.io/team-slug
   * annotation names another; `annotation` — only annotated groups.
   */
  teamMatch: 'name' | 'annotation';
  /** Entities per page read from the catalog. */
  pageSize: number;
}

export const DEFAULT_CATALOG_OPTIONS: CatalogOptions = {
  enabled: true,
  componentTypes: ['service', 'website'],
  teamMatch: 'name',
  pageSize: 500,
};
