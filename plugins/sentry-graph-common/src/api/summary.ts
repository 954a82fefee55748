/* GET /summary: per organization, what the graph holds and what looks wrong. */

/** @public */
export interface FindingItem {
  id: string;
  name?: string;
  slug?: string;
  email?: string;
  /** Its page in Sentry's web UI, where Sentry has one. */
  url?: string;
  /** Catalog findings: the entity's ref (its page in the portal). */
  entityRef?: string;
  /** Catalog findings on Sentry's side: the item's organization slug. */
  organization?: string;
}

/** @public */
export interface Finding {
  count: number;
  /** The first 20, ordered by name, then slug, then email, then id. */
  items: FindingItem[];
}

/**
 * The findings that list items, in the order the card shows them.
 *
 * @public
 */
export const LISTED_FINDINGS = [
  'membersWithout2fa',
  'pendingInvites',
  'expiredInvites',
  'ownersAndManagers',
  'teamsWithoutMembers',
  'teamsWithoutAdmin',
  'projectsWithoutTeam',
  'projectsWithoutAlertRules',
  'projectsWithOnlyDisabledAlertRules',
  'disabledAlertRules',
] as const;
/** @public */
export type ListedFinding = (typeof LISTED_FINDINGS)[number];

/** @public */
export interface OrganizationSummary {
  /**
   * When these figures were read from Neo4j: after the run `runId` ended,
   * or, before any run stored figures, when they were asked for.
   */
  computedAt: string;
  /** The run after which they were computed. */
  runId?: string;
  organization: {
    id: string;
    slug: string;
    name?: string;
    /** The organization in Sentry's web UI. */
    url: string;
    require2fa: boolean;
    /** Epoch seconds: the organization node's `lastupdated` (the last run that wrote it). */
    lastUpdated?: number;
  };
  /** Per label, the nodes the organization owns, plus `SentryOrganization: 1`. */
  nodes: Record<string, number>;
  /** Per relationship type, those of the organization. */
  relationships: Record<string, number>;
  findings: Record<ListedFinding, Finding> & {
    /** Joined members (not pending) with `has_2fa = false`; flagged when the organization requires 2FA. */
    membersWithout2fa: Finding & { flagged: boolean };
    /** The release with the greatest `date_created`; absent when the organization has none. */
    newestRelease?: {
      id: string;
      version: string;
      dateCreated?: string;
      /** The release in Sentry's web UI. */
      url: string;
    };
  };
}

/**
 * The catalog's findings, in the order the card shows them.
 *
 * @public
 */
export const CATALOG_FINDINGS = [
  'componentsWithoutSentryProject',
  'projectsWithoutEntity',
  'annotationsPointingNowhere',
  'componentsWhoseOwnerLacksTheTeam',
  'groupMembersAdminWithout2fa',
] as const;
/** @public */
export type CatalogFinding = (typeof CATALOG_FINDINGS)[number];

/**
 * The Backstage catalog joined to Sentry: what matched, and what looks wrong.
 *
 * @public
 */
export interface CatalogSummary {
  /** When these figures were read from Neo4j (see OrganizationSummary.computedAt). */
  computedAt: string;
  runId?: string;
  /** Entities in the graph, and how many found their Sentry counterpart. */
  entities: {
    components: number;
    componentsWithSentryProject: number;
    groups: number;
    groupsWithSentryTeam: number;
    users: number;
    usersWithSentryAccount: number;
  };
  findings: Record<CatalogFinding, Finding>;
}

/** @public */
export interface SummaryResponse {
  organizations: OrganizationSummary[];
  /** Present when the catalog is joined (sentryGraph.catalog.enabled) and the whole summary is asked for. */
  catalog?: CatalogSummary;
}
