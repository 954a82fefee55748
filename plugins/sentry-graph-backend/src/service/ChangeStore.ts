import type { DatabaseService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  ChangesResponse,
  GraphChange,
  GraphChangeKind,
  GraphChangeName,
  GraphChangeValue,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { Knex } from 'knex';
import type { RecordedChange } from '../sync/changes/RunChanges';
import { openPluginDatabase } from './openPluginDatabase';

const TABLE = 'sentry_graph_changes';
/** Rows per INSERT: within every database's limit on bound values. */
const ROWS_PER_INSERT = 50;
/** Rows per DELETE when pruning, so that no transaction holds the table long. */
const ROWS_PER_PRUNE = 5_000;

interface ChangeRow {
  id: number | string;
  run_id: string;
  recorded_at: string | Date;
  organization_id: string;
  organization_slug: string;
  kind: GraphChangeKind;
  change: GraphChangeName;
  field: string | null;
  entity_id: string;
  entity_name: string | null;
  related_kind: GraphChangeKind | null;
  related_id: string | null;
  related_name: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** What GET /changes filters by; every one optional. */
export interface ChangeFilters {
  since?: Date;
  until?: Date;
  organization?: string;
  kind?: GraphChangeKind;
  /** The entity's id, or the related one's (a team's memberships). */
  entity?: string;
  change?: GraphChangeName;
  runId?: string;
}

/** Which changes a highlight reads: a time window, or one run's. */
export type ChangeWindow = Pick<
  ChangeFilters,
  'since' | 'until' | 'organization' | 'runId'
>;

/** One kind of change a highlight counts: its name, and the values `after` may be. */
export interface ChangeMatch {
  change: GraphChangeName;
  after?: readonly GraphChangeValue[];
}

/** The change history's bound (sentryGraph.changes). */
export interface ChangeRetention {
  maxAgeMs: number;
  maxRows: number;
}

/**
 * The change history in the plugin's database: each run's changes as the
 * engine hands them on, read newest first with an opaque cursor, pruned
 * by age and by count.
 */
export class ChangeStore {
  static async create({
    database,
  }: {
    database: DatabaseService;
  }): Promise<ChangeStore> {
    return new ChangeStore(await openPluginDatabase(database));
  }

  private constructor(private readonly knex: Knex) {}

  async insert(
    runId: string,
    changes: readonly RecordedChange[],
  ): Promise<void> {
    const recordedAt = new Date();
    const rows = changes.map(change => toRow(runId, recordedAt, change));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
      await this.knex(TABLE).insert(rows.slice(i, i + ROWS_PER_INSERT));
  }

  /** One page, newest first; `cursor` from the page before. */
  async list(
    filters: ChangeFilters,
    page: { limit: number; cursor?: string },
  ): Promise<ChangesResponse> {
    const query = this.knex<ChangeRow>(TABLE)
      .select('*')
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.cursor !== undefined)
      query.where('id', '<', readCursor(page.cursor));
    if (filters.since) query.where('recorded_at', '>=', filters.since);
    if (filters.until) query.where('recorded_at', '<', filters.until);
    if (filters.organization)
      query.where('organization_slug', filters.organization);
    if (filters.kind) query.where('kind', filters.kind);
    if (filters.change) query.where('change', filters.change);
    if (filters.runId) query.where('run_id', filters.runId);
    const entity = filters.entity;
    if (entity)
      query.where(q =>
        q.where('entity_id', entity).orWhere('related_id', entity),
      );
    const rows: ChangeRow[] = await query;
    const more = rows.length > page.limit;
    const changes = rows.slice(0, page.limit).map(fromRow);
    const last = changes[changes.length - 1];
    return {
      changes,
      ...(more && last ? { nextCursor: writeCursor(last.id) } : {}),
    };
  }

  /**
   * The window's changes of `kind` that match any of `matches` (a change,
   * and where given the values its `after` must be one of): how many, and
   * the newest `limit`.
   */
  async matching(
    window: ChangeWindow,
    kind: GraphChangeKind,
    matches: readonly ChangeMatch[],
    limit: number,
  ): Promise<{ count: number; changes: GraphChange[] }> {
    const query = () => {
      const q = this.knex<ChangeRow>(TABLE)
        .where('kind', kind)
        .where(any => {
          for (const match of matches)
            any.orWhere(one => {
              one.where('change', match.change);
              if (match.after)
                one.whereIn(
                  'after_json',
                  match.after.map(v => JSON.stringify(v)),
                );
            });
        });
      if (window.since) q.where('recorded_at', '>=', window.since);
      if (window.until) q.where('recorded_at', '<', window.until);
      if (window.organization)
        q.where('organization_slug', window.organization);
      if (window.runId) q.where('run_id', window.runId);
      return q;
    };
    const [counted] = await query().count({ n: '*' });
    const rows: ChangeRow[] = await query()
      .select('*')
      .orderBy('id', 'desc')
      .limit(limit);
    return { count: Number(counted?.n ?? 0), changes: rows.map(fromRow) };
  }

  /** Whether any change of `runId` is stored. */
  async hasRun(runId: string): Promise<boolean> {
    return (
      (await this.knex(TABLE).where({ run_id: runId }).first('id')) !==
      undefined
    );
  }

  /**
   * Deletes what is older than the bound's age, then the oldest rows past
   * its count, in bounded batches; returns how many went.
   */
  async prune({ maxAgeMs, maxRows }: ChangeRetention): Promise<number> {
    const cutoff = new Date(Date.now() - maxAgeMs);
    let deleted = 0;
    for (;;) {
      const ids = await this.knex(TABLE)
        .where('recorded_at', '<', cutoff)
        .orderBy('id')
        .limit(ROWS_PER_PRUNE)
        .pluck('id');
      deleted += await this.deleteIds(ids);
      if (ids.length < ROWS_PER_PRUNE) break;
    }
    const oldestKept: { id: number | string } | undefined = await this.knex(
      TABLE,
    )
      .orderBy('id', 'desc')
      .offset(Math.max(0, maxRows - 1))
      .first('id');
    if (!oldestKept) return deleted;
    for (;;) {
      const ids = await this.knex(TABLE)
        .where('id', '<', oldestKept.id)
        .orderBy('id')
        .limit(ROWS_PER_PRUNE)
        .pluck('id');
      deleted += await this.deleteIds(ids);
      if (ids.length < ROWS_PER_PRUNE) return deleted;
    }
  }

  private async deleteIds(ids: Array<number | string>): Promise<number> {
    if (ids.length === 0) return 0;
    return Number(await this.knex(TABLE).whereIn('id', ids).delete());
  }
}

function toRow(
  runId: string,
  recordedAt: Date,
  change: RecordedChange,
): Omit<ChangeRow, 'id'> {
  return {
    run_id: runId,
    recorded_at: recordedAt,
    organization_id: change.organization.id,
    organization_slug: change.organization.slug,
    kind: change.kind,
    change: change.change,
    field: change.field ?? null,
    entity_id: change.entity.id,
    entity_name: change.entity.name ?? null,
    related_kind: change.related?.kind ?? null,
    related_id: change.related?.id ?? null,
    related_name: change.related?.name ?? null,
    before_json:
      change.before === undefined ? null : JSON.stringify(change.before),
    after_json:
      change.after === undefined ? null : JSON.stringify(change.after),
  };
}

function fromRow(row: ChangeRow): GraphChange {
  const value = (json: string | null): GraphChangeValue | undefined =>
    json === null ? undefined : (JSON.parse(json) as GraphChangeValue);
  const before = value(row.before_json);
  const after = value(row.after_json);
  return {
    id: String(row.id),
    runId: row.run_id,
    recordedAt: new Date(row.recorded_at).toISOString(),
    organization: { id: row.organization_id, slug: row.organization_slug },
    kind: row.kind,
    entity: {
      id: row.entity_id,
      ...(row.entity_name !== null ? { name: row.entity_name } : {}),
    },
    change: row.change,
    ...(row.field !== null ? { field: row.field } : {}),
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
    ...(row.related_kind !== null && row.related_id !== null
      ? {
          related: {
            kind: row.related_kind,
            id: row.related_id,
            ...(row.related_name !== null ? { name: row.related_name } : {}),
          },
        }
      : {}),
  };
}

/**
 * Cursors are opaque to callers: a version and the last id read. The form is
 * written in openapi.yaml as a pattern, so that every cursor that matches it
 * reads (it may simply find nothing older); 15 digits stay a safe integer.
 */
export const CHANGE_CURSOR = /^c1-([1-9][0-9]{0,14})$/;

function writeCursor(id: string): string {
  return `c1-${id}`;
}

function readCursor(cursor: string): number {
  const match = CHANGE_CURSOR.exec(cursor);
  if (!match)
    throw new InputError('Invalid query: cursor is not one this API gave out');
  return Number(match[1]);
}
