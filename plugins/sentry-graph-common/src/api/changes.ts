/* The change history: GET /changes, GET /runs/:id/changes, and the events. */

/**
 * What a change is about. A membership is recorded on the member, with
 * its team as the related entity; a project's team on the project.
 *
 * @public
 */
export const GRAPH_CHANGE_KINDS = [
  'organization',
  'member',
  'team',
  'project',
  'alertRule',
  'release',
] as const;

/** @public */
export type GraphChangeKind = (typeof GRAPH_CHANGE_KINDS)[number];

/**
 * What changed:
 * - `initial-import`: the first run of an organization wrote it all (one
 *   line, `after` the nodes written, in place of a line per node);
 * - `added`, `removed`: the entity appeared or was deleted (removals only
 *   by full runs);
 * - `role`: a member's organization role;
 * - `2fa`, `sso`: a member's two-factor authentication, or linked SSO
 *   identity, gained (`true`) or lost (`false`);
 * - `invite`: `pending` to `accepted`, or to `expired` (and back);
 * - `membership`: a member joined (`after` their team role) or left
 *   (`before` it) the related team;
 * - `team-role`: a member's role in the related team;
 * - `team`: a project gained (`after`) or lost (`before`) the related team;
 * - `status`: an alert rule enabled (`active`) or disabled (`disabled`);
 * - `changed`: another setting of an alert rule, named by `field`;
 * - `count`: releases, counted per run: `field` is `added`, `archived`,
 *   `unarchived` or `removed`, `after` how many;
 * - `catalog`: the catalog join linked a member, team or project to a
 *   catalog entity (`after` its entity ref) or broke that link (`before`).
 *
 * @public
 */
export const GRAPH_CHANGE_NAMES = [
  'initial-import',
  'added',
  'removed',
  'role',
  '2fa',
  'sso',
  'invite',
  'membership',
  'team-role',
  'team',
  'status',
  'changed',
  'count',
  'catalog',
] as const;

/** @public */
export type GraphChangeName = (typeof GRAPH_CHANGE_NAMES)[number];

/** @public */
export type GraphChangeValue = string | number | boolean | null;

/** @public */
export interface GraphChangeEntity {
  /** The node's id in the graph (docs/graph-schema.md). */
  id: string;
  /** A name to show: a member's email, a team's or project's slug, a rule's name. */
  name?: string;
  /** Its page in Sentry's web UI, where one can be built (added when read). */
  url?: string;
  /** The catalog entity linked to it now, by the catalog join (added when read). */
  entityRef?: string;
}

/**
 * One change a run wrote to the graph.
 *
 * @public
 */
export interface GraphChange {
  /** Increasing with the order changes were recorded in. */
  id: string;
  runId: string;
  recordedAt: string;
  organization: { id: string; slug: string };
  kind: GraphChangeKind;
  entity: GraphChangeEntity;
  change: GraphChangeName;
  /** The graph property (or release count) that changed, where one did. */
  field?: string;
  before?: GraphChangeValue;
  after?: GraphChangeValue;
  /** The other end: a membership's team, a project's team. */
  related?: GraphChangeEntity & { kind: GraphChangeKind };
}

/**
 * GET /changes and GET /runs/:id/changes: newest first.
 *
 * @public
 */
export interface ChangesResponse {
  changes: GraphChange[];
  /** Pass as `cursor` for the next (older) page; absent on the last one. */
  nextCursor?: string;
}

/**
 * The payload of each event on the `sentry-graph.changes` topic of
 * Backstage's events service: one per run that recorded changes.
 *
 * @public
 */
export interface GraphChangesEvent {
  runId: string;
  /** The kind of run: a routine run records what it saw, a full run deletions too. */
  runKind: 'full' | 'routine';
  finishedAt: string;
  /** Changes recorded, by kind and then by change: two role changes are `member.role` 2. */
  counts: Partial<
    Record<GraphChangeKind, Partial<Record<GraphChangeName, number>>>
  >;
  /** The run's changes, oldest first: its newest `GRAPH_CHANGES_EVENT_LIMIT` where it has more. */
  changes: GraphChange[];
  /** More changes than `changes` holds: read them from GET /runs/:runId/changes. */
  truncated: boolean;
}

/**
 * The most changes one event carries.
 *
 * @public
 */
export const GRAPH_CHANGES_EVENT_LIMIT = 500;

/**
 * The events service topic run changes are published on.
 *
 * @public
 */
export const GRAPH_CHANGES_TOPIC = 'sentry-graph.changes';

/**
 * The card's "since yesterday" groups (GET /changes/highlights):
 * - `newOwnersAndManagers`: members whose organization role became owner
 *   or manager, or who were added as one;
 * - `lost2fa`: members who lost two-factor authentication;
 * - `projectsWithoutTeams`: projects that lost a team and have none now;
 * - `alertRulesRemovedOrDisabled`: rules deleted, or disabled;
 * - `membersAdded`, `membersRemoved`.
 *
 * @public
 */
export const CHANGE_HIGHLIGHT_KEYS = [
  'newOwnersAndManagers',
  'lost2fa',
  'projectsWithoutTeams',
  'alertRulesRemovedOrDisabled',
  'membersAdded',
  'membersRemoved',
] as const;

/** @public */
export type ChangeHighlightKey = (typeof CHANGE_HIGHLIGHT_KEYS)[number];

/** @public */
export interface ChangeHighlight {
  /** How many changes of the window are in the group. */
  count: number;
  /** Its newest changes, at most `CHANGE_HIGHLIGHT_ITEMS`, each with its links. */
  items: GraphChange[];
}

/**
 * The most items a highlight lists.
 *
 * @public
 */
export const CHANGE_HIGHLIGHT_ITEMS = 10;

/**
 * GET /changes/highlights: what the window (`since` to `until`, by default
 * the last 24 hours) changed that a security engineer asks about first.
 *
 * @public
 */
export interface ChangeHighlightsResponse {
  since: string;
  until: string;
  highlights: Record<ChangeHighlightKey, ChangeHighlight>;
}
