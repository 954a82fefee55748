import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { sentryGraphApi } from './apis';
import { sentryGraphHomePageWidget } from './homePageWidget';
import { rootRouteRef, sentryGraphPage } from './pages';

/**
 * The sentry-graph plugin for the new frontend system: the API client, the
 * page at /sentry-graph (with its nav item) and the status card as a home
 * page widget.
 *
 * @public
 */
export const sentryGraphFrontendPlugin = createFrontendPlugin({
  pluginId: 'sentry-graph',
  info: { packageJson: () => import('../../package.json') },
  routes: { root: rootRouteRef },
  extensions: [sentryGraphApi, sentryGraphPage, sentryGraphHomePageWidget],
});
