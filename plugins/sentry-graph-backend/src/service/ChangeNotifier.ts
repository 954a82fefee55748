/*
 * Backstage notifications for the changes an operator marks critical
 * (sentryGraph.changes.notifications): a new owner, 2FA lost by an admin,
 * an alert rule deleted. Off by default; inactive, and said so once at
 * start, in a backend without the notifications plugin.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { GraphChange } from '@sentry-graph/plugin-sentry-graph-common';
import type {
  ChangeNotificationSettings,
  CriticalChange,
} from '../config/readPluginSettings';
import { describeError } from '../sync/describeError';
import type { ChangeReader } from './ChangeReader';

/** A run sends at most this many of each kind, then one line for the rest. */
const NOTIFICATIONS_PER_KIND = 10;

/** The notifications' topic, for people's notification settings. */
export const NOTIFICATION_TOPIC = 'sentry-graph';

const TITLES: Record<CriticalChange, (change: GraphChange) => string> = {
  newOwner: c =>
    `${c.entity.name ?? c.entity.id} is now an owner of ${c.organization.slug} in Sentry`,
  adminLost2fa: c =>
    `${c.entity.name ?? c.entity.id}, an administrator of ${c.organization.slug} in Sentry, lost two-factor authentication`,
  alertRuleDeleted: c =>
    `The alert rule ${c.entity.name ?? c.entity.id} of ${c.organization.slug} was deleted in Sentry`,
};

export interface ChangeNotifierOptions {
  settings: ChangeNotificationSettings;
  notifications: NotificationService;
  reader: ChangeReader;
  /** The plugin's page in the app, linked where Sentry has no page to show. */
  pageUrl: string;
}

export class ChangeNotifier {
  constructor(private readonly options: ChangeNotifierOptions) {}

  /** Sends a run's critical changes; returns how many notifications went. */
  async notifyRun(runId: string, logger: LoggerService): Promise<number> {
    const { settings, notifications, reader, pageUrl } = this.options;
    let sent = 0;
    try {
      const found = await reader.critical(
        runId,
        settings.changes,
        NOTIFICATIONS_PER_KIND,
      );
      const more = new Map<CriticalChange, number>();
      for (const { kind, change, more: left } of found) {
        if (left > 0) more.set(kind, left);
        await notifications.send({
          recipients: { type: 'entity', entityRef: settings.recipients },
          payload: {
            title: TITLES[kind](change),
            description: `Recorded by the sync run ${runId}.`,
            link: change.entity.url ?? pageUrl,
            severity: kind === 'alertRuleDeleted' ? 'high' : 'critical',
            topic: NOTIFICATION_TOPIC,
          },
        });
        sent += 1;
      }
      for (const [kind, left] of more) {
        await notifications.send({
          recipients: { type: 'entity', entityRef: settings.recipients },
          payload: {
            title: `${left} more critical Sentry changes (${kind}) in run ${runId}`,
            link: pageUrl,
            severity: 'high',
            topic: NOTIFICATION_TOPIC,
          },
        });
        sent += 1;
      }
    } catch (error) {
      logger.warn(
        `Notifications of the run's critical changes failed after ${sent}: ${describeError(error)}`,
      );
    }
    return sent;
  }
}
