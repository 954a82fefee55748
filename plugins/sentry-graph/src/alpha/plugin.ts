import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { sentryGraphApi } from './apis';
import {
  sentryGraphEntityProjectCard,
  sentryGraphEntityTeamCard,
} from './entityCards';
import { sentryGraphHomePageWidget } from './homePageWidget';
import { rootRouteRef, sentryGraphPage } from './pages';

/**
 * The sentry-graph plugin for the new frontend system: the API client, the
 * page at /sentry-graph (with its nav item), the status card as a home
 * page widget, and the entity cards: a component's Sentry project, a
 * group's Sentry team.
 *
 * @public
 */
export const sentryGraphFrontendPlugin = createFrontendPlugin({
  pluginId: 'sentry-graph',
  info: { packageJson: () => import('../../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    sentryGraphApi,
    sentryGraphPage,
    sentryGraphHomePageWidget,
    sentryGraphEntityProjectCard,
    sentryGraphEntityTeamCard,
  ],
});
