/*
 * Deletes what this run's complete read of the catalog no longer had: the
 * entities it did not write, and the catalog's links it did not refresh.
 * The catalog is one scope (a Backstage installation per graph), so stale
 * is simply "not stamped by this run"; the same mass-deletion guard as for
 * Sentry's kinds keeps an implausible loss and reports it.
 */
import type { KeptReport } from '@sentry-graph/plugin-sentry-graph-common';
import type { SentryGraphStore } from '../graph/SentryGraphStore';
import neo4j from 'neo4j-driver';
import { numberField } from '../graph/recordFields';
import {
  guardHolds,
  massDeletionReason,
  type GuardOptions,
} from '../sync/cleanup';
import {
  CATALOG_LINKS,
  linkChangeRow,
  type CatalogLink,
} from '../graph/catalogLinks';
import {
  pushLinkChanges,
  type CatalogChangeHandoff,
} from './catalogLinkChanges';
import { ENTITY_LABEL } from '../graph/catalogSchema';

interface StaleSet {
  what: string;
  link?: CatalogLink;
  count: string;
  delete: string;
}

const nodes: StaleSet = {
  what: ENTITY_LABEL,
  count: [
    `MATCH (n:${ENTITY_LABEL})`,
    'RETURN count(n) AS total, count(CASE WHEN n.lastupdated <> $updateTag THEN 1 END) AS stale',
  ].join('\n'),
  delete: [
    `MATCH (n:${ENTITY_LABEL}) WHERE n.lastupdated <> $updateTag`,
    'WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted',
  ].join('\n'),
};

const links: StaleSet[] = CATALOG_LINKS.map(link => ({
  what: link.type,
  link,
  count: [
    `MATCH (:${link.fromLabel})-[r:${link.type}]->(:${link.toLabel})`,
    'RETURN count(r) AS total, count(CASE WHEN r.lastupdated <> $updateTag THEN 1 END) AS stale',
  ].join('\n'),
  delete: [
    `MATCH (e:${link.fromLabel})-[r:${link.type}]->(x:${link.toLabel}) WHERE r.lastupdated <> $updateTag`,
    'WITH e, r, x LIMIT $limit',
    // A recorded link says what it linked before it goes.
    ...(link.recorded
      ? [
          ...linkChangeRow(link),
          'DELETE r RETURN count(*) AS deleted, collect(change) AS removed',
        ]
      : ['DELETE r RETURN count(*) AS deleted']),
  ].join('\n'),
}));

export interface CatalogCleanupOptions extends GuardOptions {
  deleteBatchSize: number;
  updateTag: number;
  signal?: AbortSignal;
  /** The change history's hand-off: the links broken are recorded. */
  changes?: CatalogChangeHandoff;
}

/** Links first (deleted nodes take theirs along), then entities; returns what was deleted and kept. */
export async function cleanupCatalog(
  store: SentryGraphStore,
  options: CatalogCleanupOptions,
): Promise<{ deleted: number; kept: KeptReport[] }> {
  let deleted = 0;
  const kept: KeptReport[] = [];
  for (const set of [...links, nodes]) {
    if (options.signal?.aborted) {
      kept.push({ what: set.what, reason: 'the run was aborted' });
      continue;
    }
    const counted = await store.read(set.count, {
      updateTag: neo4j.int(options.updateTag),
    });
    const total = numberField(counted.records[0], 'total');
    const stale = numberField(counted.records[0], 'stale');
    if (stale === 0) continue;
    const share = stale / total;
    if (guardHolds(options, share)) {
      kept.push({
        what: set.what,
        count: stale,
        reason: massDeletionReason(options, { total, stale }, share),
      });
      continue;
    }
    for (;;) {
      const result = await store.write(set.delete, {
        updateTag: neo4j.int(options.updateTag),
        limit: neo4j.int(options.deleteBatchSize),
      });
      const batch = numberField(result.records[0], 'deleted');
      if (set.link)
        pushLinkChanges(options.changes, set.link, result.records[0], 'broken');
      deleted += batch;
      if (batch < options.deleteBatchSize || options.signal?.aborted) break;
    }
  }
  return { deleted, kept };
}
