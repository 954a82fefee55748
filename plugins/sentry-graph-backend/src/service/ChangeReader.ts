/*
 * The change history as the API serves it: the stored changes with their
 * links (the entity's Sentry page, its catalog entity), and the card's
 * highlights, each a query over a window of the history written as data.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  CHANGE_HIGHLIGHT_ITEMS,
  CHANGE_HIGHLIGHT_KEYS,
  type ChangeHighlight,
  type ChangeHighlightKey,
  type ChangeHighlightsResponse,
  type ChangesResponse,
  type GraphChange,
  type GraphChangeKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import {
  membersWithRoles,
  projectsWithoutTeams,
  withLinks,
} from '../graph/changeLinks';
import type { CriticalChange } from '../config/readPluginSettings';
import type { GraphReader } from '../graph/Neo4jSessions';
import type { SentryLinks } from '../graph/sentryLinks';
import type {
  ChangeFilters,
  ChangeMatch,
  ChangeStore,
  ChangeWindow,
} from './ChangeStore';

interface HighlightQuery {
  kind: GraphChangeKind;
  matches: readonly ChangeMatch[];
  /** Kept only where the graph still says so now: a project with no team. */
  stillTrue?: (graph: GraphReader, ids: string[]) => Promise<Set<string>>;
}

const HIGH_ROLES = ['owner', 'manager'];
/** Organization roles that administer: Sentry's owner, manager and admin. */
const ADMIN_ROLES = ['owner', 'manager', 'admin'];

const HIGHLIGHTS: Record<ChangeHighlightKey, HighlightQuery> = {
  newOwnersAndManagers: {
    kind: 'member',
    matches: [
      { change: 'role', after: HIGH_ROLES },
      { change: 'added', after: HIGH_ROLES },
    ],
  },
  lost2fa: { kind: 'member', matches: [{ change: '2fa', after: [false] }] },
  projectsWithoutTeams: {
    kind: 'project',
    matches: [{ change: 'team', after: [null] }],
    stillTrue: projectsWithoutTeams,
  },
  alertRulesRemovedOrDisabled: {
    kind: 'alertRule',
    matches: [{ change: 'removed' }, { change: 'status', after: ['disabled'] }],
  },
  membersAdded: { kind: 'member', matches: [{ change: 'added' }] },
  membersRemoved: { kind: 'member', matches: [{ change: 'removed' }] },
};

/** The changes `sentryGraph.changes.notifications` may send, as data. */
const CRITICAL: Record<CriticalChange, HighlightQuery> = {
  newOwner: {
    kind: 'member',
    matches: [
      { change: 'role', after: ['owner'] },
      { change: 'added', after: ['owner'] },
    ],
  },
  adminLost2fa: {
    kind: 'member',
    matches: [{ change: '2fa', after: [false] }],
    stillTrue: (graph, ids) => membersWithRoles(graph, ids, ADMIN_ROLES),
  },
  alertRuleDeleted: { kind: 'alertRule', matches: [{ change: 'removed' }] },
};

/**
 * How many of a "still true" highlight's changes are checked against the
 * graph: a reorganization that strips a thousand projects in a day shows
 * as at least a thousand.
 */
const STILL_TRUE_CANDIDATES = 1_000;

/** A critical change of a run, and how many more of its kind there were than the limit. */
export interface CriticalFound {
  kind: CriticalChange;
  change: GraphChange;
  more: number;
}

/** A window of the history; the default is the last day. */
export interface HighlightWindow {
  since?: Date;
  until?: Date;
  organization?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class ChangeReader {
  constructor(
    private readonly store: ChangeStore,
    private readonly graph: GraphReader,
    private readonly links: SentryLinks,
    private readonly logger: LoggerService,
  ) {}

  async list(
    filters: ChangeFilters,
    page: { limit: number; cursor?: string },
  ): Promise<ChangesResponse> {
    const listed = await this.store.list(filters, page);
    return { ...listed, changes: await this.linked(listed.changes) };
  }

  /** One run's critical changes of the `kinds` asked for, each linked, at most `limit` of each. */
  async critical(
    runId: string,
    kinds: readonly CriticalChange[],
    limit: number,
  ): Promise<CriticalFound[]> {
    const found: CriticalFound[] = [];
    for (const kind of kinds) {
      const { count, items } = await this.highlight(
        { runId },
        CRITICAL[kind],
        limit,
      );
      for (const change of await this.linked(items))
        found.push({ kind, change, more: count - items.length });
    }
    return found;
  }

  async highlights(window: HighlightWindow): Promise<ChangeHighlightsResponse> {
    const until = window.until ?? new Date();
    const since = window.since ?? new Date(until.getTime() - DAY_MS);
    const range = { since, until, organization: window.organization };
    const entries = await Promise.all(
      CHANGE_HIGHLIGHT_KEYS.map(
        async key =>
          [key, await this.highlight(range, HIGHLIGHTS[key])] as const,
      ),
    );
    // One lookup of links for every item shown, handed back in order.
    const items = await this.linked(entries.flatMap(([, h]) => h.items));
    let offset = 0;
    const highlights = Object.fromEntries(
      entries.map(([key, { count, items: shown }]) => {
        offset += shown.length;
        return [
          key,
          { count, items: items.slice(offset - shown.length, offset) },
        ];
      }),
    ) as Record<ChangeHighlightKey, ChangeHighlight>;
    return {
      since: since.toISOString(),
      until: until.toISOString(),
      highlights,
    };
  }

  private async highlight(
    range: ChangeWindow,
    query: HighlightQuery,
    limit = CHANGE_HIGHLIGHT_ITEMS,
  ): Promise<ChangeHighlight> {
    const { stillTrue } = query;
    if (!stillTrue) {
      const { count, changes } = await this.store.matching(
        range,
        query.kind,
        query.matches,
        limit,
      );
      return { count, items: changes };
    }
    const { changes } = await this.store.matching(
      range,
      query.kind,
      query.matches,
      STILL_TRUE_CANDIDATES,
    );
    // The newest change of each entity, where it is still true of it now.
    const newest = new Map<string, GraphChange>();
    for (const change of changes)
      if (!newest.has(change.entity.id)) newest.set(change.entity.id, change);
    const kept = await stillTrue(this.graph, [...newest.keys()]);
    const items = [...newest.values()].filter(c => kept.has(c.entity.id));
    return { count: items.length, items: items.slice(0, limit) };
  }

  /** Links are a convenience: without Neo4j, the changes are served without them. */
  private async linked(changes: GraphChange[]): Promise<GraphChange[]> {
    try {
      return await withLinks(this.graph, this.links, changes);
    } catch (error) {
      this.logger.debug(
        `Serving changes without links: ${error instanceof Error ? error.name : 'unknown error'}`,
      );
      return changes;
    }
  }
}
