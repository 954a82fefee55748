/**
 * @jest-environment node
 */
// The client's change history calls against the real backend plugin and
// the Sentry sample server: a first sync, the sample server's day after,
// a second sync, then what the history says of it.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import {
  dayAfter,
  generateSampleData,
  startSampleServer,
  type SampleChange,
  type SampleData,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import type { GraphChange } from '@sentry-graph/plugin-sentry-graph-common';
import {
  RealBackends,
  rejection,
  syncAndWait,
} from '../__testUtils__/realBackend';
import { wipeTestNeo4j } from '../__testUtils__/testNeo4j';

// Two real syncs run in a test.
jest.setTimeout(90_000);

let data: SampleData;
let sentry: SampleServer;
const backends = new RealBackends();

beforeEach(async () => {
  await wipeTestNeo4j();
  data = generateSampleData({ preset: 'S', organizations: 1 });
  sentry = await startSampleServer({ data });
});
afterEach(async () => {
  await backends.stopAll();
  await sentry.close();
});

function one<K extends SampleChange['kind']>(
  changes: SampleChange[],
  kind: K,
): Extract<SampleChange, { kind: K }> {
  const found = changes.find(
    (c): c is Extract<SampleChange, { kind: K }> => c.kind === kind,
  );
  if (!found) throw new Error(`the day after has no ${kind}`);
  return found;
}

const ids = (changes: GraphChange[]) => changes.map(c => c.entity.id);

describe('the change history through the client, against the real backend', () => {
  it('reads a day of changes: /changes filtered and paged, one run’s changes, and the highlights', async () => {
    const client = await backends.client(sentry.url);
    const first = await syncAndWait(client);
    expect(first.status).toBe('succeeded');
    // The organization's first run is one line, not a line per node.
    const imported = await client.getRunChanges(first.id);
    expect(imported.changes.map(c => [c.kind, c.change])).toEqual([
      ['organization', 'initial-import'],
    ]);

    const { changes: made } = dayAfter(data, { organization: 'acme' });
    sentry.applyChanges({ organization: 'acme', changes: made });
    const second = await syncAndWait(client);
    expect(second.status).toBe('succeeded');

    const promoted = one(made, 'member-role').memberId;
    const roles = await client.getChanges({ kind: 'member', change: 'role' });
    expect(roles.changes).toEqual([
      expect.objectContaining({
        runId: second.id,
        organization: expect.objectContaining({ slug: 'acme' }),
        entity: expect.objectContaining({
          id: promoted,
          url: `${sentry.url}/settings/acme/members/${promoted}/`,
        }),
        before: 'member',
        after: 'owner',
      }),
    ]);

    // Newest first, two at a time through the cursor, as one list whole.
    const all = await client.getRunChanges(second.id);
    expect(all.nextCursor).toBeUndefined();
    const paged: GraphChange[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.getChanges({ limit: 2, cursor });
      expect(page.changes.length).toBeLessThanOrEqual(2);
      paged.push(...page.changes);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map(c => c.id)).toEqual(
      [...all.changes, ...imported.changes].map(c => c.id),
    );
    const times = paged.map(c => c.recordedAt);
    expect(times).toEqual([...times].sort().reverse());

    const { highlights } = await client.getChangeHighlights();
    expect(ids(highlights.newOwnersAndManagers.items)).toContain(promoted);
    expect(ids(highlights.lost2fa.items)).toEqual([
      one(made, 'member-2fa').memberId,
    ]);
    expect(ids(highlights.membersRemoved.items)).toEqual([
      one(made, 'member-removed').memberId,
    ]);
    expect(highlights.membersAdded.items.map(c => c.entity.name)).toEqual([
      one(made, 'member-invite').email,
    ]);
    expect(
      highlights.projectsWithoutTeams.items.map(c => c.entity.name),
    ).toEqual([one(made, 'project-team-removed').project]);
    expect(
      highlights.alertRulesRemovedOrDisabled.items.map(c => [
        c.entity.id,
        c.change,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [one(made, 'workflow-changed').workflowId, 'status'],
        [one(made, 'workflow-removed').workflowId, 'removed'],
      ]),
    );
    expect(highlights.alertRulesRemovedOrDisabled.count).toBe(2);

    // A window after the changes holds none of them.
    const later = await client.getChangeHighlights({
      since: new Date(Date.now() + 60_000).toISOString(),
      organization: 'acme',
    });
    expect(later.highlights.lost2fa).toEqual({ count: 0, items: [] });
  });

  it('gets 404s when the history is turned off, and 400s for a bad window', async () => {
    const off = await backends.client(sentry.url, {
      config: { changes: { enabled: false } },
    });
    for (const call of [
      off.getChanges(),
      off.getChangeHighlights(),
      off.getRunChanges('00000000-0000-4000-8000-000000000000'),
    ]) {
      expect((await rejection(call)).statusCode).toBe(404);
    }

    const on = await backends.client(sentry.url);
    const bad = await rejection(on.getChanges({ since: 'yesterday' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.cause.name).toBe('InputError');
    expect(
      (await rejection(on.getChangeHighlights({ since: 'yesterday' })))
        .statusCode,
    ).toBe(400);
  });
});
