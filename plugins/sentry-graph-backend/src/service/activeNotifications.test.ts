import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { ConfigReader } from '@backstage/config';
import { readPluginSettings } from '../config/readPluginSettings';
import { activeNotifications } from './activeNotifications';

const notifications: NotificationService = { send: async () => {} };
const settings = (value: object) =>
  readPluginSettings(
    new ConfigReader({
      sentryGraph: {
        sentry: { baseUrl: 'https://sentry.io' },
        changes: { notifications: value },
      },
    }),
  );
const withPlugins = (...pluginIds: string[]) => ({
  getId: () => 'instance',
  getInstalledPlugins: async () =>
    pluginIds.map(pluginId => ({ pluginId, modules: [] })),
});

describe('whether critical changes are sent as notifications', () => {
  const enabled = { enabled: true, recipients: ['group:default/security'] };

  it('sends through the notifications service where the notifications plugin is installed', async () => {
    const logger = mockServices.logger.mock();
    const active = await activeNotifications(
      {
        notifications,
        instanceMetadata: withPlugins('catalog', 'notifications'),
        config: new ConfigReader({ app: { baseUrl: 'http://portal/' } }),
      },
      settings(enabled),
      logger,
    );
    expect(active).toMatchObject({
      service: notifications,
      pageUrl: 'http://portal/sentry-graph',
      settings: {
        recipients: ['group:default/security'],
        changes: ['newOwner', 'adminLost2fa', 'alertRuleDeleted'],
      },
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('says the option is inactive, and sends nothing, without the notifications plugin', async () => {
    const logger = mockServices.logger.mock();
    const active = await activeNotifications(
      {
        notifications,
        instanceMetadata: withPlugins('catalog'),
        config: new ConfigReader({}),
      },
      settings(enabled),
      logger,
    );
    expect(active).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/notifications is enabled, but .* inactive/),
    );
  });

  it('is off by default, whatever is installed', async () => {
    const logger = mockServices.logger.mock();
    expect(
      await activeNotifications(
        {
          notifications,
          instanceMetadata: withPlugins('notifications'),
          config: new ConfigReader({}),
        },
        settings({}),
        logger,
      ),
    ).toBeUndefined();
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it.each([
    [{ enabled: true }, /recipients': expected at least one/],
    [{ enabled: true, recipients: ['security'] }, /group or user entity refs/],
    [
      {
        enabled: true,
        recipients: ['group:security'],
        changes: ['everything'],
      },
      /changes': expected some of newOwner/,
    ],
  ])('rejects %j naming the key', (value, message) => {
    expect(() => settings(value)).toThrow(message);
  });
});
