/* GET /entities/{kind}/{namespace}/{name}: one catalog entity's Sentry side. */

/**
 * A Sentry member as an entity card shows it.
 *
 * @public
 */
export interface EntityPerson {
  /** The Sentry membership id, when there is one. */
  id?: string;
  name?: string;
  email?: string;
  /** The organization role (owner, manager, member, …). */
  role?: string;
  /** Absent when unknown (a pending invite). */
  has2fa?: boolean;
  /** The catalog user linked to this member (by email), or the catalog user itself. */
  entityRef?: string;
  /** Sentry's page for the member. */
  url?: string;
}

/** @public */
export interface EntityAdmin extends EntityPerson {
  /** Why they can administer the project: their org role, or team admin of one of its teams. */
  via: 'owner' | 'manager' | 'team admin';
}

/** @public */
export interface EntityProject {
  organization: string;
  id: string;
  slug: string;
  name?: string;
  url: string;
  /** The teams on the project, each with the catalog groups matched to it. */
  teams: Array<{
    id: string;
    slug: string;
    name?: string;
    url: string;
    groups: string[];
  }>;
  alertRules: {
    total: number;
    disabled: number;
    /** The first 20, by name. */
    items: Array<{ id: string; name?: string; status?: string; url?: string }>;
  };
  newestRelease?: { version: string; dateCreated?: string; url: string };
  /** Who can administer the project in Sentry: owners, managers and its teams' admins. */
  admins: { count: number; withoutTwoFactor: number; items: EntityAdmin[] };
}

/** @public */
export interface EntityTeam {
  organization: string;
  id: string;
  slug: string;
  name?: string;
  url: string;
  /** The team's joined admins (owners and managers administer every team besides: `ownersAndManagers`). */
  admins: EntityPerson[];
  ownersAndManagers: number;
  /** Catalog members of the group who are on the Sentry team. */
  inBoth: EntityPerson[];
  /** Catalog members of the group who are not on the Sentry team (no Sentry account, or not joined). */
  onlyInCatalog: EntityPerson[];
  /** Members of the Sentry team who are not in the group in the catalog. */
  onlyInSentry: EntityPerson[];
}

/**
 * What about the entity looks wrong, as the catalog findings of /summary say it.
 *
 * @public
 */
export type EntityFinding =
  | 'noSentryProject'
  | 'annotationPointsNowhere'
  | 'ownerLacksTheTeam'
  | 'adminsWithoutTwoFactor'
  | 'noSentryTeam';

/** @public */
export interface EntitySentryData {
  entityRef: string;
  kind: string;
  /** False until a sync read the entity from the catalog. */
  synced: boolean;
  /** The sentry.io/project-slug (or, for groups, sentry.io/team-slug) annotation, if any. */
  annotation?: { name: string; value: string };
  /** Entities with the project annotation: their projects (usually one). */
  projects: EntityProject[];
  /** Groups: their Sentry teams. */
  teams: EntityTeam[];
  findings: EntityFinding[];
}
