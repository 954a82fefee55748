/*
 * The catalog's relationships, as data: each is derived in Neo4j from the
 * properties the run wrote (an entity's owner, a user's groups, the Sentry
 * annotations, a user's email), after every entity of the run is written.
 * `match` binds the start `e`, an entity this run wrote, and the end `x`.
 * Values come from Neo4j, labels and types from here: nothing is
 * interpolated from the catalog.
 */
import type { GraphChangeKind } from '@sentry-graph/plugin-sentry-graph-common';
import { ENTITY_LABEL, KIND_LABELS } from './catalogSchema';
import { quote } from './cypher';
import { nodeChangesByLabel } from './schema';

export interface CatalogLink {
  type: string;
  /** The start node's label, for cleanup: links start at catalog entities. */
  fromLabel: string;
  toLabel: string;
  /** Cypher binding `e` (written this run: `e.lastupdated = $updateTag`) and `x`. */
  match: string;
  /** What it means, for the contract. */
  meaning: string;
  /**
   * Links the change history records, as a `catalog` change of the Sentry
   * end (a catalog's own links, ownership and groups, are not Sentry's).
   */
  recorded?: boolean;
}

const written = (variable: string, label: string) =>
  `MATCH (${variable}:${label}) WHERE ${variable}.lastupdated = $updateTag`;

export const CATALOG_LINKS: readonly CatalogLink[] = [
  {
    type: 'OWNED_BY',
    fromLabel: ENTITY_LABEL,
    toLabel: ENTITY_LABEL,
    match: [
      `${written('e', ENTITY_LABEL)} AND e.owner IS NOT NULL`,
      `MATCH (x:${ENTITY_LABEL} {id: e.owner})`,
    ].join('\n'),
    meaning: "the entity's owner in the catalog (relation ownedBy)",
  },
  {
    type: 'MEMBER_OF_GROUP',
    fromLabel: KIND_LABELS.user,
    toLabel: KIND_LABELS.group,
    match: [
      written('e', KIND_LABELS.user),
      'UNWIND coalesce(e.member_of, []) AS groupRef',
      `MATCH (x:${KIND_LABELS.group} {id: groupRef})`,
    ].join('\n'),
    meaning: 'the user belongs to the group in the catalog (relation memberOf)',
  },
  {
    type: 'HAS_SENTRY_PROJECT',
    fromLabel: ENTITY_LABEL,
    toLabel: 'SentryProject',
    match: [
      `${written('e', ENTITY_LABEL)} AND e.sentry_project_slug IS NOT NULL`,
      'MATCH (x:SentryProject {slug: e.sentry_project_slug})<-[:RESOURCE]-(o:SentryOrganization)',
      'WHERE e.sentry_organization_slug IS NULL OR o.slug = e.sentry_organization_slug',
    ].join('\n'),
    recorded: true,
    meaning:
      "the project the entity's sentry.io/project-slug annotation names (`project`, any synced organization's, or `organization/project`)",
  },
  {
    type: 'HAS_SENTRY_TEAM',
    fromLabel: KIND_LABELS.group,
    toLabel: 'SentryTeam',
    match: [
      written('e', KIND_LABELS.group),
      // The annotation wins; else the configured rule ($matchTeamsByName).
      'WITH e, coalesce(e.sentry_team_slug, CASE WHEN $matchTeamsByName THEN e.name END) AS slug',
      'WHERE slug IS NOT NULL',
      'MATCH (x:SentryTeam {slug: slug})',
    ].join('\n'),
    recorded: true,
    meaning:
      "the Sentry team of the group: its sentry.io/team-slug annotation, else (by default) the team whose slug is the group's name",
  },
  {
    type: 'HAS_SENTRY_ACCOUNT',
    fromLabel: KIND_LABELS.user,
    toLabel: 'SentryUser',
    // From Sentry's side: each member's email looked up once in the index.
    match: [
      'MATCH (x:SentryUser) WHERE x.email IS NOT NULL',
      `MATCH (e:${KIND_LABELS.user} {email: toLower(x.email)})`,
      'WHERE e.lastupdated = $updateTag',
    ].join('\n'),
    recorded: true,
    meaning:
      "the Sentry membership whose email is the user's profile email (case-insensitive)",
  },
];

/** Creates or refreshes one kind of link for everything this run wrote. */
export function linkStatement(link: CatalogLink): string {
  const lines = [
    link.match,
    `MERGE (e)-[r:${link.type}]->(x)`,
    'ON CREATE SET r.firstseen = timestamp()',
  ];
  if (!link.recorded)
    return [
      ...lines,
      'SET r.lastupdated = $updateTag',
      'RETURN count(r) AS written',
    ].join('\n');
  // Only a new link lacks lastupdated; $recordChanges is false at the first join.
  return [
    ...lines,
    'WITH e, x, r, r.lastupdated IS NULL AS created',
    'SET r.lastupdated = $updateTag',
    'WITH e, x, r, created',
    ...linkChangeRow(link, 'CASE WHEN created AND $recordChanges THEN', 'END'),
    'RETURN count(r) AS written, collect(change) AS changes',
  ].join('\n');
}

/**
 * Binds `change`: a recorded link's Sentry end, its organization and the
 * catalog entity, for the change history (null where `open`…`close` says).
 */
export function linkChangeRow(
  link: CatalogLink,
  open = '',
  close = '',
): string[] {
  const name = nodeChangesByLabel.get(link.toLabel)?.name ?? 'id';
  return [
    'OPTIONAL MATCH (o:SentryOrganization)-[:RESOURCE]->(x)',
    `WITH e, x, r, ${open} {id: x.id, name: x.${quote(name)}, entityRef: e.id, ` +
      `organizationId: o.id, organizationSlug: o.slug} ${close} AS change`,
  ];
}

/** The kind of change a recorded link is, by its Sentry end. */
export function linkChangeKind(link: CatalogLink): GraphChangeKind {
  return nodeChangesByLabel.get(link.toLabel)?.kind ?? 'organization';
}
