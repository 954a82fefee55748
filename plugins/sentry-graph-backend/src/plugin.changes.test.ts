/*
 * The change history through the plugin (issue 21): what runs record in
 * the plugin's database, GET /changes and GET /runs/{id}/changes with
 * their filters, cursor and errors, and the event each run publishes.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  eventsServiceFactory,
  eventsServiceRef,
  type EventParams,
} from '@backstage/plugin-events-node';
import {
  GRAPH_CHANGES_TOPIC,
  type ChangeHighlightsResponse,
  type ChangesResponse,
  type GraphChange,
  type GraphChangesEvent,
} from '@sentry-graph/plugin-sentry-graph-common';
import request from 'supertest';
import { acmeDayAfter } from './__testUtils__/acmeDayAfter';
import { useAcmeEnvironment } from './__testUtils__/acmeEnvironment';
import { openApiMismatches } from './__testUtils__/openApi';
import { usePluginBackends } from './__testUtils__/pluginBackends';
import { runToTheEnd, type Server } from './__testUtils__/pluginRuns';

const env = useAcmeEnvironment();
const backends = usePluginBackends();

/** Another plugin of the backend, listening on the changes topic. */
function listenerPlugin(received: EventParams[]) {
  return createBackendPlugin({
    pluginId: 'change-listener',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef, logger: coreServices.logger },
        async init({ events }) {
          await events.subscribe({
            id: 'change-listener',
            topics: [GRAPH_CHANGES_TOPIC],
            onEvent: async event => {
              received.push(event);
            },
          });
        },
      });
    },
  });
}

async function getChanges(
  server: Server,
  path: string,
  route = '/changes',
): Promise<request.Response> {
  const res = await request(server).get(`/api/sentry-graph${path}`);
  expect(openApiMismatches('GET', route, res)).toEqual([]);
  return res;
}

/** Every page of `path`, followed by its cursor, `limit` at a time. */
async function allPages(server: Server, path: string, limit: number) {
  const changes: GraphChange[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const separator = path.includes('?') ? '&' : '?';
    const res = await getChanges(
      server,
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    const body: ChangesResponse = res.body;
    expect(body.changes.length).toBeLessThanOrEqual(limit);
    changes.push(...body.changes);
    cursor = body.nextCursor;
    if (!cursor) return changes;
  }
  throw new Error('the cursor never ended');
}

const describeChange = (c: GraphChange) =>
  `${c.kind} ${c.entity.name}: ${c.change} ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`;

describe('the change history', () => {
  it('serves what each run changed, newest first, filtered and paged, and publishes it as an event', async () => {
    const received: EventParams[] = [];
    // Backstage's own events service: its in-process bus reaches every plugin.
    const { server } = await backends.start(env.sentry.url, {}, [
      eventsServiceFactory,
      listenerPlugin(received),
    ]);
    const imported = await runToTheEnd(server);
    expect(imported.status).toBe('succeeded');
    const first = await getChanges(server, '/changes');
    expect(first.status).toBe(200);
    expect(first.body.changes).toEqual([
      expect.objectContaining({
        runId: imported.id,
        kind: 'organization',
        change: 'initial-import',
        entity: {
          id: '1001',
          name: 'acme',
          url: expect.stringMatching(/\/organizations\/acme\/$/),
        },
      }),
    ]);

    env.sentry.setData({ organizations: [acmeDayAfter()] });
    const run = await runToTheEnd(server);
    expect(run.status).toBe('succeeded');
    expect(run.result?.organizations[0].changes).toBeGreaterThan(10);

    const ofRun = await allPages(server, `/runs/${run.id}/changes`, 200);
    expect(ofRun).toHaveLength(run.result!.organizations[0].changes!);
    // Newest first: ids fall.
    const ids = ofRun.map(c => Number(c.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    // Three at a time, the cursor gives every change once.
    const paged = await allPages(server, '/changes', 3);
    expect(paged.map(c => c.id)).toEqual(
      [...ofRun, ...first.body.changes].map(c => c.id),
    );

    const roles = await getChanges(server, '/changes?kind=member&change=role');
    expect(roles.body.changes.map(describeChange)).toEqual([
      'member carol@acme.test: role "member" -> "owner"',
    ]);
    // A team's id finds its memberships too: the member is the entity.
    const frontend = await getChanges(server, '/changes?entity=3002');
    expect(frontend.body.changes.map(describeChange).sort()).toEqual([
      'member dave@acme.test: membership null -> "contributor"',
      'member frank@acme.test: membership "contributor" -> null',
    ]);
    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await getChanges(
      server,
      `/changes?since=${encodeURIComponent(later)}`,
    );
    expect(none.body).toEqual({ changes: [] });
    const before = await getChanges(
      server,
      `/changes?until=${encodeURIComponent(later)}&organization=acme&limit=200`,
    );
    expect(before.body.changes).toHaveLength(ofRun.length + 1);
    const elsewhere = await getChanges(server, '/changes?organization=other');
    expect(elsewhere.body).toEqual({ changes: [] });

    // One event per run that recorded changes, the import's included.
    expect(received.map(e => e.topic)).toEqual([
      GRAPH_CHANGES_TOPIC,
      GRAPH_CHANGES_TOPIC,
    ]);
    const event = received[1].eventPayload as GraphChangesEvent;
    expect(event).toMatchObject({
      runId: run.id,
      runKind: 'full',
      truncated: false,
      counts: expect.objectContaining({
        member: expect.objectContaining({ role: 1, added: 1, removed: 1 }),
      }),
    });
    expect(event.changes.map(c => c.id)).toEqual(
      [...ofRun].reverse().map(c => c.id),
    );
  });

  it('serves the day’s highlights, each item linked to its page in Sentry while the graph has it', async () => {
    const { server } = await backends.start(env.sentry.url);
    expect((await runToTheEnd(server)).status).toBe('succeeded');
    const day = acmeDayAfter();
    // web loses both its teams, so it has none now; api keeps its own.
    day.projects = day.projects.map(p =>
      p.slug === 'web' ? { ...p, teams: [] } : p,
    );
    env.sentry.setData({ organizations: [day] });
    expect((await runToTheEnd(server)).status).toBe('succeeded');

    const res = await getChanges(
      server,
      '/changes/highlights?organization=acme',
      '/changes/highlights',
    );
    expect(res.status).toBe(200);
    const body = res.body as ChangeHighlightsResponse;
    const shown = Object.fromEntries(
      Object.entries(body.highlights).map(([key, h]) => [
        key,
        [h.count, h.items.map(describeChange)],
      ]),
    );
    expect(shown).toEqual({
      newOwnersAndManagers: [
        1,
        ['member carol@acme.test: role "member" -> "owner"'],
      ],
      lost2fa: [1, ['member alice@acme.test: 2fa true -> false']],
      // The newest of web's two lost teams stands for it.
      projectsWithoutTeams: [
        1,
        [expect.stringMatching(/^project web: team "/)],
      ],
      alertRulesRemovedOrDisabled: [
        1,
        [
          expect.stringMatching(
            /^alertRule .*: removed undefined -> undefined$/,
          ),
        ],
      ],
      membersAdded: [1, ['member ivan@acme.test: added null -> "member"']],
      membersRemoved: [
        1,
        ['member frank@acme.test: removed undefined -> undefined'],
      ],
    });
    expect(Date.parse(body.until) - Date.parse(body.since)).toBe(
      24 * 60 * 60 * 1000,
    );
    const [carol] = body.highlights.newOwnersAndManagers.items;
    expect(carol.entity.url).toMatch(/\/settings\/acme\/members\/2003\/$/);
    const [web] = body.highlights.projectsWithoutTeams.items;
    expect(web.entity.url).toMatch(/\/settings\/acme\/projects\/web\/$/);
    expect(web.related?.url).toMatch(/\/settings\/acme\/teams\/\w+\/$/);
    // Gone from the graph: nothing to link to.
    const [rule] = body.highlights.alertRulesRemovedOrDisabled.items;
    expect(rule.entity).not.toHaveProperty('url');
    const [frank] = body.highlights.membersRemoved.items;
    expect(frank.entity).not.toHaveProperty('url');

    // A window of other days has nothing; a bad one is a 400.
    const old = await getChanges(
      server,
      '/changes/highlights?until=2020-01-01T00:00:00Z',
      '/changes/highlights',
    );
    expect(old.body.highlights.lost2fa).toEqual({ count: 0, items: [] });
    const bad = await getChanges(
      server,
      '/changes/highlights?since=yesterday',
      '/changes/highlights',
    );
    expect([bad.status, bad.body.error?.name]).toEqual([400, 'InputError']);
  });

  it('answers 400 in Backstage’s shape for a bad since, until, cursor or filter, and 404 for an unknown run', async () => {
    const { server } = await backends.start(env.sentry.url);
    const bad = [
      'since=yesterday',
      'until=2026-13-01T00:00:00Z',
      'cursor=not-a-cursor',
      'cursor=c1-0',
      `cursor=${Buffer.from('c1:7').toString('base64url')}`,
      'kind=user',
      'change=everything',
      'limit=0',
      'limit=201',
      'kind=member&kind=team',
    ];
    for (const query of bad) {
      const res = await getChanges(server, `/changes?${query}`);
      expect([query, res.status, res.body.error?.name]).toEqual([
        query,
        400,
        'InputError',
      ]);
      // What was sent is not echoed back.
      expect(res.body.error.message).not.toContain('yesterday');
    }
    const unknown = await getChanges(
      server,
      '/runs/00000000-0000-4000-8000-000000000000/changes',
      '/runs/{id}/changes',
    );
    expect(unknown.status).toBe(404);
    const notUuid = await getChanges(
      server,
      '/runs/nope/changes',
      '/runs/{id}/changes',
    );
    expect(notUuid.status).toBe(400);
    // The query is read before the run is looked up: a malformed cursor is a
    // 400 even for a run that does not exist.
    const badCursor = await getChanges(
      server,
      '/runs/00000000-0000-4000-8000-000000000000/changes?cursor=null',
      '/runs/{id}/changes',
    );
    expect(badCursor.status).toBe(400);
  });

  it('gives an empty page for a window whose since is not before its until', async () => {
    const { server } = await backends.start(env.sentry.url);
    expect((await runToTheEnd(server)).status).toBe('succeeded');
    const all = await getChanges(server, '/changes');
    expect(all.body.changes.length).toBeGreaterThan(0);
    const at = encodeURIComponent(all.body.changes[0].recordedAt);
    const empty = await getChanges(server, `/changes?since=${at}&until=${at}`);
    expect([empty.status, empty.body.changes]).toEqual([200, []]);
  });

  it('records nothing, and says the history is off, with sentryGraph.changes.enabled false', async () => {
    const { server, knex } = await backends.start(env.sentry.url, {
      changes: { enabled: false },
    });
    const run = await runToTheEnd(server);
    expect(run.status).toBe('succeeded');
    expect(run.result?.organizations[0]).not.toHaveProperty('changes');
    const res = await getChanges(server, '/changes');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/sentryGraph\.changes\.enabled/);
    // The table is there (migrations run), and empty.
    expect(await knex('sentry_graph_changes').count({ n: '*' })).toEqual([
      { n: 0 },
    ]);
  });
});
