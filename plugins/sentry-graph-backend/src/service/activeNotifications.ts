import type {
  LoggerService,
  RootConfigService,
  RootInstanceMetadataService,
} from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { PluginSettings } from '../config/readPluginSettings';

/** Where the plugin's page is, for notifications Sentry has no page for. */
export const PLUGIN_PAGE_PATH = '/sentry-graph';

/** What runs notify through, when sentryGraph.changes.notifications is on and can work. */
export interface ActiveNotifications {
  service: NotificationService;
  settings: PluginSettings['changes']['notifications'];
  pageUrl: string;
}

/**
 * The notifications service, when the option is enabled and the
 * notifications plugin is installed in this backend; otherwise undefined,
 * and, when enabled, a warning that says the option is inactive. The
 * service itself is there in any backend (its default posts to the
 * notifications plugin), so the plugin asks which plugins are installed.
 */
export async function activeNotifications(
  deps: {
    notifications: NotificationService;
    instanceMetadata: RootInstanceMetadataService;
    config: RootConfigService;
  },
  settings: PluginSettings,
  logger: LoggerService,
): Promise<ActiveNotifications | undefined> {
  const wanted = settings.changes.notifications;
  if (!wanted.enabled) return undefined;
  const installed = await deps.instanceMetadata.getInstalledPlugins();
  if (!installed.some(plugin => plugin.pluginId === 'notifications')) {
    logger.warn(
      'sentryGraph.changes.notifications is enabled, but this backend has no notifications plugin ' +
        '(@backstage/plugin-notifications-backend): the option is inactive, and no notification is sent',
    );
    return undefined;
  }
  logger.info(
    `Critical changes (${wanted.changes.join(', ')}) are sent as notifications to ${wanted.recipients.join(', ')}`,
  );
  const appUrl = deps.config.getOptionalString('app.baseUrl') ?? '';
  return {
    service: deps.notifications,
    settings: wanted,
    pageUrl: `${appUrl.replace(/\/+$/, '')}${PLUGIN_PAGE_PATH}`,
  };
}
