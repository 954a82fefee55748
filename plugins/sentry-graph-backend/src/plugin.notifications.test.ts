/*
 * Critical changes as Backstage notifications (issue 21), through the real
 * notifications backend and catalog: sent to the configured group only
 * when the option is on, and said to be inactive in a backend without the
 * notifications plugin.
 */
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';
import { acmeDayAfter } from './__testUtils__/acmeDayAfter';
import { useAcmeEnvironment } from './__testUtils__/acmeEnvironment';
import { pluginTestConfig } from './__testUtils__/pluginTestConfig';
import { runToTheEnd, type Server } from './__testUtils__/pluginRuns';
import { waitFor } from './__testUtils__/waitFor';

const env = useAcmeEnvironment();
const directory = createMockDirectory();
directory.setContent({
  'catalog-info.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: security }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: sec }
spec: { profile: { email: sec@acme.test }, memberOf: [security] }
`,
});
const RECIPIENT = 'user:default/sec';

function backendConfig(notifications: JsonObject): JsonObject {
  return {
    ...pluginTestConfig(env.sentry.url, {
      changes: { notifications },
    }),
    app: { baseUrl: 'http://portal.example' },
    catalog: {
      locations: [
        { type: 'file', target: directory.resolve('catalog-info.yaml') },
      ],
      rules: [{ allow: ['Group', 'User', 'Location'] }],
    },
  };
}

async function startBackend(
  notifications: JsonObject,
  options: { withNotificationsPlugin: boolean },
) {
  const { server } = await startTestBackend({
    features: [
      sentryGraphPlugin,
      catalogPlugin,
      ...(options.withNotificationsPlugin ? [notificationsPlugin] : []),
      schedulerServiceFactory,
      mockServices.rootConfig.factory({ data: backendConfig(notifications) }),
    ],
  });
  return { server };
}

/** The notifications the recipient has, newest first. */
async function notificationsOf(server: Server) {
  const res = await request(server)
    .get('/api/notifications/notifications')
    .set('Authorization', mockCredentials.user.header(RECIPIENT));
  expect(res.status).toBe(200);
  return res.body.notifications as Array<{
    payload: {
      title: string;
      link?: string;
      severity: string;
      topic?: string;
    };
  }>;
}

/** The group must be in the catalog before the run sends: its processing is in the background. */
async function catalogHasGroup(server: Server): Promise<void> {
  await waitFor(async () => {
    const res = await request(server).get(
      '/api/catalog/entities/by-name/group/default/security',
    );
    return res.status === 200 ? true : undefined;
  }, 60_000);
}

const ENABLED = {
  enabled: true,
  recipients: ['group:default/security'],
};

describe('notifications of critical changes', () => {
  it('sends a new owner, an admin’s lost 2FA and a deleted rule to the configured group', async () => {
    const { server } = await startBackend(ENABLED, {
      withNotificationsPlugin: true,
    });
    await catalogHasGroup(server);
    expect((await runToTheEnd(server)).status).toBe('succeeded');
    // The import is no news.
    expect(await notificationsOf(server)).toEqual([]);

    env.sentry.setData({ organizations: [acmeDayAfter()] });
    const run = await runToTheEnd(server);
    expect(run.status).toBe('succeeded');
    const sent = await waitFor(async () => {
      const found = await notificationsOf(server);
      return found.length >= 3 ? found : undefined;
    }, 30_000);
    const payloads = sent.map(n => n.payload);
    expect(payloads.map(p => p.title).sort()).toEqual(
      [
        'The alert rule Web only of acme was deleted in Sentry',
        'alice@acme.test, an administrator of acme in Sentry, lost two-factor authentication',
        'carol@acme.test is now an owner of acme in Sentry',
      ].sort(),
    );
    const byTitle = (start: string) =>
      payloads.find(p => p.title.startsWith(start));
    expect(byTitle('carol')).toMatchObject({
      severity: 'critical',
      topic: 'sentry-graph',
      link: expect.stringMatching(/\/settings\/acme\/members\/2003\/$/),
    });
    // Sentry has no page for a deleted rule: the plugin's page.
    expect(byTitle('The alert rule')).toMatchObject({
      severity: 'high',
      link: 'http://portal.example/sentry-graph',
    });
  });

  it('sends nothing when the option is off, as it is by default', async () => {
    const { server } = await startBackend(
      {},
      { withNotificationsPlugin: true },
    );
    await catalogHasGroup(server);
    await runToTheEnd(server);
    env.sentry.setData({ organizations: [acmeDayAfter()] });
    expect((await runToTheEnd(server)).status).toBe('succeeded');
    expect(await notificationsOf(server)).toEqual([]);
  });

  it('starts and syncs with the option on in a backend without the notifications plugin', async () => {
    const { server } = await startBackend(ENABLED, {
      withNotificationsPlugin: false,
    });
    await runToTheEnd(server);
    env.sentry.setData({ organizations: [acmeDayAfter()] });
    expect((await runToTheEnd(server)).status).toBe('succeeded');
    const changes = await request(server).get('/api/sentry-graph/changes');
    expect(changes.body.changes.length).toBeGreaterThan(3);
  });
});
