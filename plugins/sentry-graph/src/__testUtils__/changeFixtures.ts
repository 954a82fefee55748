import {
  CHANGE_HIGHLIGHT_KEYS,
  type ChangeHighlightKey,
  type ChangeHighlightsResponse,
  type GraphChange,
} from '@sentry-graph/plugin-sentry-graph-common';

const WEB = 'https://sentry.example';
const hoursAgo = (n: number) =>
  new Date(Date.now() - n * 3_600_000).toISOString();

let nextId = 1;

/** One change; ids increase with each made, as the backend's do. */
export function change(overrides: Partial<GraphChange> = {}): GraphChange {
  const id = String(nextId++);
  return {
    id,
    runId: '00000000-0000-4000-8000-000000000001',
    recordedAt: hoursAgo(1),
    organization: { id: '1', slug: 'acme' },
    kind: 'member',
    entity: { id: '2003', name: 'carol@acme.test' },
    change: 'role',
    field: 'role',
    before: 'member',
    after: 'owner',
    ...overrides,
  };
}

/** Carol made owner: linked to Sentry and to her catalog user. */
export const carolOwner = (overrides: Partial<GraphChange> = {}) =>
  change({
    entity: {
      id: '2003',
      name: 'carol@acme.test',
      url: `${WEB}/settings/acme/members/2003/`,
      entityRef: 'user:default/carol',
    },
    ...overrides,
  });

export const aliceLost2fa = () =>
  change({
    entity: {
      id: '2001',
      name: 'alice@acme.test',
      url: `${WEB}/settings/acme/members/2001/`,
    },
    change: '2fa',
    field: 'has_2fa',
    before: true,
    after: false,
  });

/** Project web lost its last team, backend. */
export const webLostBackend = () =>
  change({
    kind: 'project',
    entity: {
      id: '4002',
      name: 'web',
      url: `${WEB}/settings/acme/projects/web/`,
      entityRef: 'component:default/web',
    },
    change: 'team',
    field: undefined,
    before: 'backend',
    after: null,
    related: {
      kind: 'team',
      id: '3001',
      name: 'backend',
      url: `${WEB}/settings/acme/teams/backend/`,
      entityRef: 'group:default/backend',
    },
  });

export const ruleDeleted = () =>
  change({
    kind: 'alertRule',
    entity: { id: '6006', name: 'Errors in web' },
    change: 'removed',
    field: undefined,
    before: undefined,
    after: undefined,
  });

/** Highlights with every group empty but those given (their count the items'). */
export function highlights(
  groups: Partial<Record<ChangeHighlightKey, GraphChange[]>> = {},
  counts: Partial<Record<ChangeHighlightKey, number>> = {},
): ChangeHighlightsResponse {
  return {
    since: hoursAgo(24),
    until: new Date().toISOString(),
    highlights: Object.fromEntries(
      CHANGE_HIGHLIGHT_KEYS.map(key => {
        const items = groups[key] ?? [];
        return [key, { count: counts[key] ?? items.length, items }];
      }),
    ) as ChangeHighlightsResponse['highlights'],
  };
}
