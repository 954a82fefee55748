/*
 * The dev app of `npm run demo`: a new-frontend-system Backstage app with
 * just this plugin, served by `backstage-cli package start` on
 * http://localhost:3000/sentry-graph. Not frontend-dev-utils' createDevApp,
 * which switches the sign-in page off: here the demo user is signed in at
 * once through the backend's guest provider (a proxy provider, so no
 * button to press), requests carry a real Backstage user token, and the
 * permission framework decides who may press "Sync now".
 */
import { ProxiedSignInPage } from '@backstage/core-components';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import ReactDOM from 'react-dom/client';
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

const app = createApp({ features: [sentryGraphPlugin, guestSignIn] });

const root = document.getElementById('root');
if (!root) throw new Error("The dev app's index.html has no #root element");
ReactDOM.createRoot(root).render(app.createRoot());
