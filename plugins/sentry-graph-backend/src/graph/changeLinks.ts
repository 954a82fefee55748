/*
 * What a change needs to be followed when it is read: its entity's page in
 * Sentry and the catalog entity linked to it now. Both come from the graph
 * as it is, so an entity that is gone has neither. The lookup is one read
 * of the page's ids, by label, generated from the schema and the catalog's
 * links.
 */
import type {
  GraphChange,
  GraphChangeEntity,
  GraphChangeKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import { CATALOG_LINKS } from './catalogLinks';
import type { GraphReader } from './Neo4jSessions';
import { nodeChangesByLabel } from './schema';
import type { LinkedLabel, SentryLinks } from './sentryLinks';
import { text } from './values';

interface LinkedKind {
  kind: GraphChangeKind;
  label: LinkedLabel;
  /** The catalog link that ends at it, where the catalog join makes one. */
  catalogLink?: string;
}

const LINKED_KINDS: LinkedKind[] = [...nodeChangesByLabel]
  .filter(([label]) =>
    ['SentryUser', 'SentryTeam', 'SentryProject', 'SentryAlertRule'].includes(
      label,
    ),
  )
  .map(([label, changes]) => ({
    kind: changes.kind,
    label: label as LinkedLabel,
    catalogLink: CATALOG_LINKS.find(l => l.recorded && l.toLabel === label)
      ?.type,
  }));

/** One UNION branch per kind: the ids of `$ids[kind]` the graph still has. */
const LOOKUP = [
  'CALL {',
  LINKED_KINDS.map(({ kind, label, catalogLink }) =>
    [
      `  UNWIND $ids.${kind} AS id`,
      `  MATCH (n:${label} {id: id})`,
      catalogLink
        ? `  OPTIONAL MATCH (e:BackstageEntity)-[:${catalogLink}]->(n)`
        : '  WITH n, null AS e',
      // Of several entities, a component (the service), then the first by ref.
      "  WITH n, min(CASE WHEN e.kind = 'component' THEN e.id END) AS component, min(e.id) AS first",
      `  RETURN '${kind}' AS kind, n.id AS id, n.slug AS slug, coalesce(component, first) AS entityRef,`,
      '    n.source AS source, n.project_slug AS projectSlug',
    ].join('\n'),
  ).join('\n  UNION ALL\n'),
  '}',
  'RETURN kind, id, slug, entityRef, source, projectSlug',
].join('\n');

interface Found {
  slug?: string;
  entityRef?: string;
  source?: string;
  projectSlug?: string;
}

/** The changes with `url` and `entityRef` on their entity and related entity. */
export async function withLinks(
  graph: GraphReader,
  links: SentryLinks,
  changes: GraphChange[],
): Promise<GraphChange[]> {
  const ids = Object.fromEntries(
    LINKED_KINDS.map(({ kind }) => [kind, new Set<string>()]),
  );
  for (const change of changes)
    for (const [kind, entity] of ends(change)) ids[kind]?.add(entity.id);
  const found = new Map<string, Found>();
  const params = Object.fromEntries(
    Object.entries(ids).map(([kind, set]) => [kind, [...set]]),
  );
  if (Object.values(params).some(list => list.length > 0)) {
    const result = await graph.read(LOOKUP, { ids: params });
    for (const record of result.records)
      found.set(`${record.get('kind')}:${record.get('id')}`, {
        slug: text(record.get('slug')),
        entityRef: text(record.get('entityRef')),
        source: text(record.get('source')),
        projectSlug: text(record.get('projectSlug')),
      });
  }

  const linked = (
    org: string,
    kind: GraphChangeKind,
    entity: GraphChangeEntity,
  ): GraphChangeEntity => {
    if (kind === 'organization' || kind === 'release')
      return { ...entity, url: links.organization(org) };
    const label = LINKED_KINDS.find(k => k.kind === kind)?.label;
    const node = found.get(`${kind}:${entity.id}`);
    if (!label || !node) return entity;
    const url = links.node(org, label, { id: entity.id, ...node });
    return {
      ...entity,
      ...(url ? { url } : {}),
      ...(node.entityRef ? { entityRef: node.entityRef } : {}),
    };
  };
  return changes.map(change => ({
    ...change,
    entity: linked(change.organization.slug, change.kind, change.entity),
    ...(change.related
      ? {
          related: {
            ...linked(
              change.organization.slug,
              change.related.kind,
              change.related,
            ),
            kind: change.related.kind,
          },
        }
      : {}),
  }));
}

function ends(
  change: GraphChange,
): Array<[GraphChangeKind, GraphChangeEntity]> {
  return change.related
    ? [
        [change.kind, change.entity],
        [change.related.kind, change.related],
      ]
    : [[change.kind, change.entity]];
}

/** Of `ids`, those of nodes of `label` for which `where` (on `n`) holds now. */
async function idsWhere(
  graph: GraphReader,
  label: string,
  ids: string[],
  where: string,
  params: Record<string, unknown> = {},
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await graph.read(
    [
      'UNWIND $ids AS id',
      `MATCH (n:${label} {id: id})`,
      `WHERE ${where}`,
      'RETURN n.id AS id',
    ].join('\n'),
    { ...params, ids },
  );
  return new Set(result.records.map(r => String(r.get('id'))));
}

/** Of `projectIds`, those the graph has with no team now. */
export const projectsWithoutTeams = (
  graph: GraphReader,
  projectIds: string[],
) =>
  idsWhere(
    graph,
    'SentryProject',
    projectIds,
    'NOT EXISTS { (n)-[:HAS_TEAM]->() }',
  );

/** Of `memberIds`, those whose organization role is now one of `roles`. */
export const membersWithRoles = (
  graph: GraphReader,
  memberIds: string[],
  roles: readonly string[],
) =>
  idsWhere(graph, 'SentryUser', memberIds, 'n.role IN $roles', {
    roles: [...roles],
  });
