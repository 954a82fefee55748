import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ChangeHighlightsResponse,
  ChangesResponse,
  EntitySentryData,
  GraphChangeKind,
  GraphChangeName,
  HealthResponse,
  RunListResponse,
  RunRecord,
  SummaryResponse,
  SyncRequestResponse,
  SyncRunKind,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';

/**
 * The filters and page of GET /changes; every one optional.
 *
 * @public
 */
export interface ChangesQuery {
  /** Changes recorded at or after this ISO 8601 instant. */
  since?: string;
  /** Changes recorded before this ISO 8601 instant. */
  until?: string;
  /** An organization's slug. */
  organization?: string;
  /** What the changes are about: members, teams, projects… */
  kind?: GraphChangeKind;
  /** A node id: the changed entity's, or the related one's (a team's finds who joined it). */
  entity?: string;
  /** What changed: a role, 2FA, a membership… */
  change?: GraphChangeName;
  /** At most this many (the backend's default 50, at most 200). */
  limit?: number;
  /** The `nextCursor` of the page before, for the next, older page. */
  cursor?: string;
}

/**
 * The sentry-graph backend's REST API, as the card and page use it. Every
 * method throws a `ResponseError` (from `@backstage/errors`) when the backend
 * answers with an error, and the fetch's own error when it cannot be reached.
 *
 * @public
 */
export interface SentryGraphApi {
  /** Whether the backend is up and Neo4j answers; needs no credentials. */
  getHealth(): Promise<HealthResponse>;
  /** Idle or running, progress, last runs, next run, staleness. */
  getStatus(): Promise<SyncStatus>;
  /** Per organization, what the graph holds and the findings. */
  getSummary(options?: { organization?: string }): Promise<SummaryResponse>;
  /** The run history, newest first; `before` is a run id, for the next page. */
  listRuns(options?: {
    limit?: number;
    before?: string;
  }): Promise<RunListResponse>;
  /** One run, with the engine's result once it has one. */
  getRun(id: string): Promise<RunRecord>;
  /**
   * Asks for a sync now (permission `sentry-graph.sync.run`): a full run,
   * or with `mode: 'routine'` a routine run, which reads only what can have
   * changed. Refusals are errors: 403, 409 while a run is queued or
   * running, 429 with Retry-After.
   */
  requestSync(options?: { mode?: SyncRunKind }): Promise<SyncRequestResponse>;
  /**
   * The change history, newest first, filtered; a 404 (`ResponseError`)
   * when the history is turned off (`sentryGraph.changes.enabled: false`).
   */
  getChanges(query?: ChangesQuery): Promise<ChangesResponse>;
  /** The changes one run recorded, newest first, paged as getChanges pages. */
  getRunChanges(
    runId: string,
    page?: { limit?: number; cursor?: string },
  ): Promise<ChangesResponse>;
  /**
   * What changed from `since` to `until` (by default the last 24 hours) that a
   * security engineer asks about first: new owners, 2FA lost, projects
   * left without a team, alert rules removed or disabled, members added
   * and removed. A 404 when the history is turned off.
   */
  getChangeHighlights(options?: {
    since?: string;
    until?: string;
    organization?: string;
  }): Promise<ChangeHighlightsResponse>;
  /**
   * A catalog entity's Sentry side; a 404 (`ResponseError`) when the caller
   * may not read the entity in the catalog, or it does not exist.
   */
  getEntity(entity: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySentryData>;
}

/**
 * The API's reference; one for both frontend systems.
 *
 * @public
 */
export const sentryGraphApiRef = createApiRef<SentryGraphApi>({
  id: 'plugin.sentry-graph.api',
});
