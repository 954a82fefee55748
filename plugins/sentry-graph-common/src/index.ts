/**
 * Permissions and REST API types shared by the sentry-graph backend,
 * permission policies and frontends.
 *
 * @packageDocumentation
 */
export {
  sentryGraphPermissions,
  sentryGraphSyncRunPermission,
} from './permissions';
export * from './api';
