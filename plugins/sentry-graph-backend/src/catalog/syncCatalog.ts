import type { LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type {
  CatalogResult,
  UnmatchedAnnotation,
} from '@sentry-graph/plugin-sentry-graph-common';
import neo4j from 'neo4j-driver';
import type { SentryGraphStore } from '../graph/SentryGraphStore';
import { numberField } from '../graph/recordFields';
import type { GuardOptions } from '../sync/cleanup';
import { describeError } from '../sync/describeError';
import {
  SENTRY_PROJECT_ANNOTATION,
  SENTRY_TEAM_ANNOTATION,
} from './annotations';
import { cleanupCatalog } from './catalogCleanup';
import {
  pushLinkChanges,
  type CatalogChangeHandoff,
} from './catalogLinkChanges';
import { CATALOG_LINKS, linkStatement } from '../graph/catalogLinks';
import type { CatalogOptions } from './catalogOptions';
import { CATALOG_FIELDS, toCatalogRecord } from './catalogRecord';
import {
  ENTITY_LABEL,
  entityNodeFor,
  KIND_LABELS,
} from '../graph/catalogSchema';

/**
 * The catalog as the sync reads it: pages of entities matching `filter`
 * (the catalog service's streamEntities, called with the plugin's own
 * service credentials).
 */
export type CatalogReader = (request: {
  filter: Array<Record<string, string | symbol>>;
  fields: string[];
  pageSize: number;
}) => AsyncIterable<Entity[]>;

/** The catalog as the plugin hands it to a run: the reader, the join, the settings. */
export interface CatalogJoinOptions {
  read: CatalogReader;
  join: CatalogJoin;
  options: CatalogOptions;
}

export type CatalogJoin = (
  context: SyncCatalogContext,
) => Promise<CatalogResult>;

export interface SyncCatalogContext {
  read: CatalogReader;
  store: SentryGraphStore;
  options: CatalogOptions;
  engine: GuardOptions & { deleteBatchSize: number };
  updateTag: number;
  logger: LoggerService;
  signal?: AbortSignal;
  /** Called with the entities read so far. */
  onProgress?: (entities: number) => void;
  /** The change history's hand-off: catalog links made and broken. */
  changes?: CatalogChangeHandoff;
}

const UNMATCHED_LIMIT = 50;

/*
 * Every component (the findings ask which ones lack a Sentry project), every
 * group and user (matched to teams and members), and any other entity with
 * the project annotation. The catalog ORs the filter's entries.
 */
const FILTER: Array<Record<string, string | symbol>> = [
  { kind: 'component' },
  { kind: 'group' },
  { kind: 'user' },
  {
    [`metadata.annotations.${SENTRY_PROJECT_ANNOTATION}`]:
      CATALOG_FILTER_EXISTS,
  },
];

/**
 * Reads the catalog page by page into `BackstageEntity` nodes, derives the
 * links once every entity is written, reports annotations that point
 * nowhere, and cleans up only after a complete read. Never throws for
 * catalog or Neo4j trouble: the result says what happened.
 */
export async function syncCatalog(
  context: SyncCatalogContext,
): Promise<CatalogResult> {
  const started = Date.now();
  const { store, updateTag } = context;
  const result: CatalogResult = {
    status: 'incomplete',
    fetched: 0,
    written: 0,
    deleted: 0,
    kept: [],
    unmatchedCount: 0,
    unmatched: [],
  };
  try {
    for await (const page of context.read({
      filter: FILTER,
      fields: CATALOG_FIELDS,
      pageSize: context.options.pageSize,
    })) {
      if (context.signal?.aborted) throw new Error('the run was aborted');
      result.fetched += page.length;
      result.written += await writePage(store, page, updateTag);
      context.onProgress?.(result.fetched);
    }
    result.status = 'complete';
  } catch (error) {
    result.error = `Reading the catalog failed: ${describeError(error)}`;
    context.logger.warn(result.error);
  }

  try {
    // The first join links everything: that is the import, not news.
    const recordChanges =
      context.changes !== undefined && (await anyRecordedLink(store));
    // Links of what was written, even after an incomplete read: they only add.
    for (const link of CATALOG_LINKS) {
      const linked = await store.write(linkStatement(link), {
        updateTag: neo4j.int(updateTag),
        matchTeamsByName: context.options.teamMatch === 'name',
        recordChanges,
      });
      result.written += numberField(linked.records[0], 'written');
      pushLinkChanges(context.changes, link, linked.records[0], 'made');
    }
    Object.assign(result, await unmatchedAnnotations(store, updateTag));
  } catch (error) {
    result.status = 'incomplete';
    result.error = `Writing the catalog's links failed: ${describeError(error)}`;
    context.logger.warn(result.error);
  }

  result.durationMs = Date.now() - started;
  if (result.status !== 'complete') {
    result.kept.push({
      what: ENTITY_LABEL,
      reason: `the catalog was not read completely (${result.error})`,
    });
    return result;
  }
  try {
    const cleaned = await cleanupCatalog(store, {
      ...context.engine,
      updateTag,
      signal: context.signal,
      changes: context.changes,
    });
    result.deleted = cleaned.deleted;
    result.kept.push(...cleaned.kept);
  } catch (error) {
    result.kept.push({
      what: ENTITY_LABEL,
      reason: `cleanup failed: ${describeError(error)}`,
    });
  }
  return result;
}

/** Whether the graph holds any link the change history records. */
async function anyRecordedLink(store: SentryGraphStore): Promise<boolean> {
  const types = CATALOG_LINKS.filter(link => link.recorded).map(l => l.type);
  const found = await store.read(
    `RETURN EXISTS { ()-[:${types.join('|')}]->() } AS any`,
  );
  return found.records[0]?.get('any') === true;
}

async function writePage(
  store: SentryGraphStore,
  page: Entity[],
  updateTag: number,
): Promise<number> {
  const byKind = new Map<string, ReturnType<typeof toCatalogRecord>[]>();
  for (const entity of page) {
    const record = toCatalogRecord(entity);
    byKind.set(record.kind, [...(byKind.get(record.kind) ?? []), record]);
  }
  let written = 0;
  for (const [kind, records] of byKind) {
    written += await store.mergeNodes(entityNodeFor(kind), records, {
      updateTag,
    });
  }
  return written;
}

/*
 * Annotations this run wrote that found nothing in Sentry: a project
 * annotation without HAS_SENTRY_PROJECT, a team annotation without
 * HAS_SENTRY_TEAM.
 */
const UNMATCHED = `
MATCH (e:${ENTITY_LABEL}) WHERE e.lastupdated = $updateTag
  AND ((e.sentry_project IS NOT NULL AND NOT EXISTS { (e)-[:HAS_SENTRY_PROJECT]->() })
    OR (e:${KIND_LABELS.group} AND e.sentry_team_slug IS NOT NULL AND NOT EXISTS { (e)-[:HAS_SENTRY_TEAM]->() }))
WITH e ORDER BY e.id
WITH count(e) AS total, collect(e)[..$limit] AS first
RETURN total, [x IN first | {
  entityRef: x.id,
  annotation: CASE WHEN x.sentry_project IS NOT NULL AND NOT EXISTS { (x)-[:HAS_SENTRY_PROJECT]->() }
    THEN $projectAnnotation ELSE $teamAnnotation END,
  value: CASE WHEN x.sentry_project IS NOT NULL AND NOT EXISTS { (x)-[:HAS_SENTRY_PROJECT]->() }
    THEN x.sentry_project ELSE x.sentry_team_slug END
}] AS unmatched`;

async function unmatchedAnnotations(
  store: SentryGraphStore,
  updateTag: number,
): Promise<Pick<CatalogResult, 'unmatchedCount' | 'unmatched'>> {
  const result = await store.read(UNMATCHED, {
    updateTag: neo4j.int(updateTag),
    limit: neo4j.int(UNMATCHED_LIMIT),
    projectAnnotation: SENTRY_PROJECT_ANNOTATION,
    teamAnnotation: SENTRY_TEAM_ANNOTATION,
  });
  const record = result.records[0];
  return {
    unmatchedCount: numberField(record, 'total'),
    unmatched: (record?.get('unmatched') as UnmatchedAnnotation[]) ?? [],
  };
}
