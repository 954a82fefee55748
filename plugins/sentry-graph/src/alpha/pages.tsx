import { compatWrapper } from '@backstage/core-compat-api';
import { createRouteRef, PageBlueprint } from '@backstage/frontend-plugin-api';
import AccountTreeIcon from '@material-ui/icons/AccountTree';

/** The page's route in the new frontend system. */
export const rootRouteRef = createRouteRef();

/**
 * The page at /sentry-graph. Its title and icon also make the app's nav
 * item (nav items are derived from pages in frontend-plugin-api 0.18).
 */
export const sentryGraphPage = PageBlueprint.make({
  params: {
    path: '/sentry-graph',
    routeRef: rootRouteRef,
    title: 'Sentry graph',
    icon: <AccountTreeIcon />,
    loader: () =>
      import('../components/SentryGraphPage').then(m =>
        compatWrapper(
          <div style={{ padding: 24 }}>
            <m.SentryGraphContent />
          </div>,
        ),
      ),
  },
});
