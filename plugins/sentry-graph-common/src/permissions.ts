import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Starting a sync run now, outside the schedule. It spends the Sentry rate
 * budget of the whole installation, so it is an admin action: grant it in
 * the permission policy to the people who operate the plugin.
 *
 * @public
 */
export const sentryGraphSyncRunPermission = createPermission({
  name: 'sentry-graph.sync.run',
  attributes: { action: 'update' },
});

/** @public */
export const sentryGraphPermissions = [sentryGraphSyncRunPermission];
