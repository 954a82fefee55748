import type {
  ChangeHighlightsResponse,
  ChangesResponse,
  EntitySentryData,
  GraphChange,
  HealthResponse,
  RunListResponse,
  RunRecord,
  SummaryResponse,
  SyncRequestResponse,
  SyncRunKind,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { ChangesQuery, SentryGraphApi } from '../api';
import { highlights } from './changeFixtures';
import { acmeSummary, healthy, idleStatus } from './fixtures';
import { responseError } from './responseError';

/** A value to answer with, or a function for anything else (a failure, a wait). */
type Answer<T> = T | (() => Promise<T>);

async function answer<T>(value: Answer<T>): Promise<T> {
  return typeof value === 'function' ? (value as () => Promise<T>)() : value;
}

/** An answer that fails with `error`. */
export const failWith = (error: unknown) => (): Promise<never> =>
  Promise.reject(error);

/**
 * The card's view of the backend, scripted by each test: `statuses` are
 * answered in turn (the last one repeats), the rest as set. Every call is
 * counted, so tests can check how the card polls.
 */
export class FakeSentryGraphApi implements SentryGraphApi {
  statuses: Array<Answer<SyncStatus>> = [idleStatus()];
  health: Answer<HealthResponse> = healthy;
  summary: Answer<SummaryResponse> = { organizations: [acmeSummary()] };
  runs: RunRecord[] = [];
  syncAnswer: Answer<SyncRequestResponse> = {
    runId: '00000000-0000-4000-8000-0000000000ff',
    status: 'queued',
  };
  /** Per entity ref, its answer; an entity not listed is a 404. */
  entities: Record<string, Answer<EntitySentryData>> = {};
  /**
   * The change history, newest first, which getChanges filters and pages
   * as the backend does; `changesAnswer`, when set, answers instead (a
   * failure, the history turned off).
   */
  changes: GraphChange[] = [];
  changesAnswer?: Answer<ChangesResponse>;
  highlights: Answer<ChangeHighlightsResponse> = highlights();
  readonly calls = {
    status: 0,
    health: 0,
    summary: 0,
    runs: 0,
    run: 0,
    sync: 0,
    entity: 0,
    changes: 0,
    runChanges: 0,
    highlights: 0,
  };
  readonly changesArgs: ChangesQuery[] = [];
  readonly highlightsArgs: Array<{
    since?: string;
    until?: string;
    organization?: string;
  }> = [];
  readonly listRunsArgs: Array<{ limit?: number; before?: string }> = [];
  /** The mode of each sync asked for (undefined: none given, a full run). */
  readonly syncModes: Array<SyncRunKind | undefined> = [];

  async getHealth(): Promise<HealthResponse> {
    this.calls.health++;
    return answer(this.health);
  }

  async getStatus(): Promise<SyncStatus> {
    const next =
      this.statuses.length > 1 ? this.statuses.shift()! : this.statuses[0];
    this.calls.status++;
    return answer(next);
  }

  async getSummary(): Promise<SummaryResponse> {
    this.calls.summary++;
    return answer(this.summary);
  }

  async listRuns(
    options: { limit?: number; before?: string } = {},
  ): Promise<RunListResponse> {
    this.calls.runs++;
    this.listRunsArgs.push(options);
    const start = options.before
      ? this.runs.findIndex(r => r.id === options.before) + 1
      : 0;
    return { runs: this.runs.slice(start, start + (options.limit ?? 20)) };
  }

  async getRun(id: string): Promise<RunRecord> {
    this.calls.run++;
    const found = this.runs.find(r => r.id === id);
    if (!found) throw new Error(`No run with id ${id}`);
    return found;
  }

  async getEntity(entity: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySentryData> {
    this.calls.entity++;
    const ref =
      `${entity.kind}:${entity.namespace}/${entity.name}`.toLowerCase();
    const found = this.entities[ref];
    if (!found)
      throw await responseError(404, `No entity ${ref} in the catalog`);
    return answer(found);
  }

  async getChanges(query: ChangesQuery = {}): Promise<ChangesResponse> {
    this.calls.changes++;
    this.changesArgs.push(query);
    if (this.changesAnswer) return answer(this.changesAnswer);
    return page(this.changes.filter(matches(query)), query);
  }

  async getRunChanges(
    runId: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<ChangesResponse> {
    this.calls.runChanges++;
    if (this.changesAnswer) return answer(this.changesAnswer);
    return page(
      this.changes.filter(c => c.runId === runId),
      options,
    );
  }

  async getChangeHighlights(
    options: { since?: string; until?: string; organization?: string } = {},
  ): Promise<ChangeHighlightsResponse> {
    this.calls.highlights++;
    this.highlightsArgs.push(options);
    return answer(this.highlights);
  }

  async requestSync(
    options: { mode?: SyncRunKind } = {},
  ): Promise<SyncRequestResponse> {
    this.calls.sync++;
    this.syncModes.push(options.mode);
    return answer(this.syncAnswer);
  }
}

/** Whether a change passes the filters of GET /changes. */
function matches(query: ChangesQuery) {
  return (c: GraphChange) =>
    (!query.since || c.recordedAt >= query.since) &&
    (!query.until || c.recordedAt < query.until) &&
    (!query.organization || c.organization.slug === query.organization) &&
    (!query.kind || c.kind === query.kind) &&
    (!query.change || c.change === query.change) &&
    (!query.entity ||
      c.entity.id === query.entity ||
      c.related?.id === query.entity);
}

/** A page of `limit` (50 by default); the cursor is where the next one starts. */
function page(
  changes: GraphChange[],
  options: { limit?: number; cursor?: string },
): ChangesResponse {
  const start = Number(options.cursor ?? 0);
  const end = start + (options.limit ?? 50);
  return {
    changes: changes.slice(start, end),
    nextCursor: end < changes.length ? String(end) : undefined,
  };
}
