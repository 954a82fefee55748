/*
 * The dev app of `npm run demo`: a new-frontend-system Backstage app with
 * just this plugin, served by `backstage-cli package start` on
 * http://localhost:3000/sentry-graph, with the catalog's pages (where the
 * plugin's entity cards show). The demo user is signed in at once through
 * the backend's guest provider (a proxy provider, so no button to press),
 * requests carry a real Backstage user token, and the permission framework
 * decides who may press "Sync now".
 */
import { ProxiedSignInPage } from '@backstage/core-components';
import { createDevApp } from '@backstage/frontend-dev-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import sentryGraphPlugin from '../src';

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

// The catalog's pages, where the plugin's entity cards show. createDevApp
// switches the app's own sign-in page off; guestSignIn, a module, puts one
// back (a module's extension replaces the plugin's of the same id).
createDevApp({ features: [catalogPlugin, sentryGraphPlugin, guestSignIn] });
