import { mockServices } from '@backstage/backend-test-utils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { SentryLinks } from '../graph/sentryLinks';
import type { RecordedChange } from '../sync/changes/RunChanges';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { openTestGraph } from '../__testUtils__/testGraph';
import { ChangeNotifier } from './ChangeNotifier';
import { ChangeReader } from './ChangeReader';
import { ChangeStore } from './ChangeStore';

const databases = createTestDatabases();
const RUN = '22222222-2222-4222-8222-222222222222';
const graph = openTestGraph();
afterAll(() => graph.close());

const ruleRemoved = (i: number): RecordedChange => ({
  organization: { id: '1001', slug: 'acme' },
  kind: 'alertRule',
  entity: { id: String(6100 + i), name: `Rule ${i}` },
  change: 'removed',
});

const lost2fa = (i: number): RecordedChange => ({
  organization: { id: '1001', slug: 'acme' },
  kind: 'member',
  entity: { id: String(2100 + i), name: `m${i}@acme.test` },
  change: '2fa',
  field: 'has_2fa',
  before: true,
  after: false,
});

describe('notifications of a run’s critical changes', () => {
  it('sends at most ten of a kind, then one that says how many more, to the recipients', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await ChangeStore.create({
      database: { getClient: async () => knex },
    });
    await store.insert(RUN, [
      ...Array.from({ length: 13 }, (_, i) => ruleRemoved(i)),
      ...Array.from({ length: 12 }, (_, i) => lost2fa(i)),
    ]);
    // Eleven of the twelve administer the organization now; one is a member.
    await graph.wipe();
    await graph.store.write(
      'UNWIND range(0, 11) AS i CREATE (:SentryUser {id: toString(2100 + i), role: CASE WHEN i = 11 THEN "member" ELSE "admin" END})',
      {},
    );
    const sent: NotificationSendOptions[] = [];
    const notifications: NotificationService = {
      send: async options => {
        sent.push(options);
      },
    };
    const notifier = new ChangeNotifier({
      settings: {
        enabled: true,
        recipients: ['group:default/security'],
        changes: ['alertRuleDeleted', 'newOwner', 'adminLost2fa'],
      },
      notifications,
      reader: new ChangeReader(
        store,
        graph.store.requestReads,
        new SentryLinks('https://sentry.example'),
        mockServices.logger.mock(),
      ),
      pageUrl: 'http://portal/sentry-graph',
    });

    expect(await notifier.notifyRun(RUN, mockServices.logger.mock())).toBe(22);
    const titles = sent.map(n => n.payload.title);
    expect(titles.filter(t => t.includes('two-factor'))).toHaveLength(10);
    expect(titles).not.toContain(
      'm11@acme.test, an administrator of acme in Sentry, lost two-factor authentication',
    );
    expect(titles.filter(t => !t.includes('two-factor'))).toEqual([
      // Newest first: the thirteenth rule was recorded last.
      ...Array.from(
        { length: 10 },
        (_, i) => `The alert rule Rule ${12 - i} of acme was deleted in Sentry`,
      ),
      `3 more critical Sentry changes (alertRuleDeleted) in run ${RUN}`,
      `1 more critical Sentry changes (adminLost2fa) in run ${RUN}`,
    ]);
    expect(new Set(sent.map(n => JSON.stringify(n.recipients)))).toEqual(
      new Set([
        JSON.stringify({
          type: 'entity',
          entityRef: ['group:default/security'],
        }),
      ]),
    );
    // Of another run: nothing.
    sent.length = 0;
    expect(
      await notifier.notifyRun(
        '33333333-3333-4333-8333-333333333333',
        mockServices.logger.mock(),
      ),
    ).toBe(0);
  });
});
