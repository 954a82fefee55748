/*
 * The catalog's part of the graph contract (docs/graph-schema.md, "The
 * catalog"), written once as data like graph/schema.ts: every entity is a
 * `BackstageEntity` with its kind as an extra label, and the links to Sentry
 * and within the catalog are derived in Neo4j from the entities' properties
 * once a run has written them all (catalogLinks.ts), so no page of the
 * catalog has to wait for another.
 */
import type { CatalogRecord } from '../catalog/catalogRecord';
import { defineNode, type NodeSpec } from './spec';

export const ENTITY_LABEL = 'BackstageEntity';

/** The extra label per catalog kind; other kinds are `BackstageEntity` alone. */
export const KIND_LABELS: Readonly<Record<string, string>> = {
  component: 'BackstageComponent',
  api: 'BackstageAPI',
  resource: 'BackstageResource',
  system: 'BackstageSystem',
  domain: 'BackstageDomain',
  group: 'BackstageGroup',
  user: 'BackstageUser',
};

const entityProperties = {
  kind: (e: CatalogRecord) => e.kind,
  namespace: (e: CatalogRecord) => e.namespace,
  name: (e: CatalogRecord) => e.name,
  title: (e: CatalogRecord) => e.title,
  type: (e: CatalogRecord) => e.type,
  lifecycle: (e: CatalogRecord) => e.lifecycle,
  owner: (e: CatalogRecord) => e.owner,
  email: (e: CatalogRecord) => e.email,
  member_of: (e: CatalogRecord) => e.memberOf,
  sentry_project: (e: CatalogRecord) => e.sentryProject,
  sentry_organization_slug: (e: CatalogRecord) => e.sentryOrganizationSlug,
  sentry_project_slug: (e: CatalogRecord) => e.sentryProjectSlug,
  sentry_team_slug: (e: CatalogRecord) => e.sentryTeamSlug,
};

function entityNode(extraLabels: string[]): NodeSpec<CatalogRecord> {
  return defineNode<CatalogRecord>({
    label: ENTITY_LABEL,
    extraLabels,
    id: e => e.ref,
    properties: entityProperties,
  });
}

const nodesByKind = new Map(
  Object.entries(KIND_LABELS).map(([kind, label]) => [
    kind,
    entityNode([label]),
  ]),
);
const otherKindNode = entityNode([]);

/** The node spec an entity of `kind` is written with. */
export function entityNodeFor(kind: string): NodeSpec<CatalogRecord> {
  return nodesByKind.get(kind) ?? otherKindNode;
}

/** Indexes the links' lookups use (beyond the id constraint on BackstageEntity). */
export const catalogPropertyIndexes = [
  { label: KIND_LABELS.user, property: 'email' },
  { label: 'SentryProject', property: 'slug' },
  { label: 'SentryTeam', property: 'slug' },
] as const;
