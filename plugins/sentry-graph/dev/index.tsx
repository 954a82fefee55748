/*
 * The dev app of `npm run demo`: a new-frontend-system Backstage app with
 * just this plugin, served by `backstage-cli package start` on
 * http://localhost:3000/sentry-graph, with the catalog's pages (where the
 * plugin's entity cards show). The demo user is signed in at once through
 * the backend's guest provider (a proxy provider, so no button to press),
 * requests carry a real Backstage user token, and the permission framework
 * decides who may press "Sync now".
 *
 * Built on createApp itself rather than @backstage/frontend-dev-utils, whose
 * newest release (0.1.6) still asks for frontend-plugin-api 0.18 and would
 * bring a second copy of the framework next to 1.0.
 */
// The dev app is an app of its own, which needs Backstage UI's styles as any
// app does (createDevApp imported them too); the plugin's code never does.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { ProxiedSignInPage } from '@backstage/core-components';
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { createRoot } from 'react-dom/client';
import sentryGraphPlugin from '../src';

// A module's extension replaces the app plugin's of the same id, so this
// sign-in page takes the place of the default one.
const guestSignIn = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: async () => props => (
          <ProxiedSignInPage {...props} provider="guest" />
        ),
      },
    }),
  ],
});

const app = createApp({
  features: [catalogPlugin, sentryGraphPlugin, guestSignIn],
});
createRoot(document.getElementById('root')!).render(app.createRoot());
