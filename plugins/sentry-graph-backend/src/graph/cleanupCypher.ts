/*
 * The Cypher of cleanup, scoped to one organization through RESOURCE.
 *
 * A node is stale when this run did not write it (`lastupdated` is not the
 * run's tag) and it is not protected (an item Sentry sent unreadably this
 * run). A stale node that is waiting for confirmation carries the run's tag
 * in `absent_since`: it is kept, and so are its relationships, until a later
 * complete run misses it again or Sentry confirms it gone.
 */
import { relationshipEnds, trackedValues } from './changesCypher';
import { ABSENT_SINCE, quote } from './cypher';
import type { RelationshipSpec } from './spec';

const ownedNodes = (label: string) =>
  `MATCH (:SentryOrganization {id: $organizationId})-[:RESOURCE]->(n:${quote(label)})`;

const absentSince = (variable: string) =>
  `coalesce(${variable}.${quote(ABSENT_SINCE)}, -1)`;

/** Stale, unprotected, and not set aside this run to wait for confirmation. */
const staleNode = [
  'n.lastupdated <> $updateTag AND NOT n.id IN $protectedIds',
  `${absentSince('n')} <> $updateTag`,
].join(' AND ');

/** Counts an organization's nodes of a label: total, and not written by this run. */
export function countNodesStatement(label: string): string {
  return [
    ownedNodes(label),
    'RETURN count(n) AS total,',
    `  count(CASE WHEN ${staleNode} THEN 1 END) AS stale`,
  ].join('\n');
}

/**
 * Counts an organization's stale nodes whose $property is not $value: the
 * items another source wrote (alert rules read from another API).
 */
export function countReplacedNodesStatement(label: string): string {
  return [
    ownedNodes(label),
    `WHERE ${staleNode} AND coalesce(n[$property], "") <> $value`,
    'RETURN count(n) AS replaced',
  ].join('\n');
}

/**
 * Deletes at most $limit stale nodes; run until it deletes none. With
 * `namedBy` (the change history's name property), also returns `removed`:
 * each one's id and name.
 */
export function deleteStaleNodesStatement(
  label: string,
  namedBy?: string,
): string {
  return [
    ownedNodes(label),
    `WHERE ${staleNode}`,
    'WITH n LIMIT $limit',
    ...(namedBy
      ? [
          `WITH n, {id: n.id, name: n.${quote(namedBy)}} AS gone`,
          'DETACH DELETE n',
          'RETURN count(*) AS deleted, collect(gone) AS removed',
        ]
      : ['DETACH DELETE n', 'RETURN count(*) AS deleted']),
  ].join('\n');
}

/**
 * Up to $limit stale nodes that no earlier run set aside: the ones to ask
 * Sentry about, each by $key (the property its detail request is addressed
 * by). In id order, so that reruns ask about the same ones.
 */
export function nodesToConfirmStatement(label: string): string {
  return [
    ownedNodes(label),
    `WHERE ${staleNode} AND n.${quote(ABSENT_SINCE)} IS NULL`,
    'RETURN n.id AS id, n[$key] AS key',
    'ORDER BY n.id LIMIT $limit',
  ].join('\n');
}

/**
 * Sets aside at most $limit stale nodes that Sentry did not confirm gone
 * ($confirmedIds) and no earlier run set aside: they wait for the next
 * complete run. Run until it marks fewer than $limit.
 */
export function setAsideStatement(label: string): string {
  return [
    ownedNodes(label),
    `WHERE ${staleNode} AND n.${quote(ABSENT_SINCE)} IS NULL`,
    '  AND NOT n.id IN $confirmedIds',
    'WITH n LIMIT $limit',
    `SET n.${quote(ABSENT_SINCE)} = $updateTag`,
    'RETURN count(n) AS marked',
  ].join('\n');
}

const ownedRelationships = (spec: RelationshipSpec<never>) =>
  `MATCH (:SentryOrganization {id: $organizationId})-[:RESOURCE]->` +
  `(a:${quote(spec.fromLabel)})-[r:${quote(spec.type)}]->(b:${quote(spec.toLabel)})`;

// Either end may be an item Sentry sent unreadably this run, or one waiting
// for confirmation: keep its edges.
const staleRelationship = [
  'r.lastupdated <> $updateTag AND NOT a.id IN $protectedIds AND NOT b.id IN $protectedIds',
  `${absentSince('a')} <> $updateTag AND ${absentSince('b')} <> $updateTag`,
].join(' AND ');

export function countRelationshipsStatement(
  spec: RelationshipSpec<never>,
): string {
  return [
    ownedRelationships(spec),
    'RETURN count(r) AS total,',
    `  count(CASE WHEN ${staleRelationship} THEN 1 END) AS stale`,
  ].join('\n');
}

/**
 * Deletes at most $limit stale relationships. With `tracked` (the ends'
 * name properties), also returns `removed`: each one's ends and its
 * tracked values (`before`).
 */
export function deleteStaleRelationshipsStatement(
  spec: RelationshipSpec<never>,
  tracked?: { fromName: string; toName: string },
): string {
  const names = Object.keys(spec.changes?.tracked ?? {});
  return [
    ownedRelationships(spec),
    `WHERE ${staleRelationship}`,
    'WITH a, r, b LIMIT $limit',
    ...(tracked
      ? [
          `WITH r, {${relationshipEnds(tracked.fromName, tracked.toName)}, before: ${trackedValues('r', names)}} AS gone`,
          'DELETE r',
          'RETURN count(*) AS deleted, collect(gone) AS removed',
        ]
      : ['WITH r', 'DELETE r', 'RETURN count(*) AS deleted']),
  ].join('\n');
}
