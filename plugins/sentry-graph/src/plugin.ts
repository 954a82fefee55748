/*
 * The legacy frontend system: for apps created before the new frontend
 * system became the default. The new system's plugin is in ./alpha.
 */
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { JSX } from 'react';
import { SentryGraphClient, sentryGraphApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The sentry-graph plugin for the legacy frontend system.
 *
 * @public
 */
export const sentryGraphPlugin = createPlugin({
  id: 'sentry-graph',
  apis: [
    createApiFactory({
      api: sentryGraphApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SentryGraphClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The page: the status card and the run history. Mount it on a route, e.g.
 * `<Route path="/sentry-graph" element={<SentryGraphPage />} />`.
 *
 * @public
 */
export const SentryGraphPage: () => JSX.Element = sentryGraphPlugin.provide(
  createRoutableExtension({
    name: 'SentryGraphPage',
    component: () =>
      import('./components/SentryGraphPage').then(m => m.SentryGraphPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The status card, for a home page or any grid.
 *
 * @public
 */
export const SentryGraphStatusCard: (props: { title?: string }) => JSX.Element =
  sentryGraphPlugin.provide(
    createComponentExtension({
      name: 'SentryGraphStatusCard',
      component: {
        lazy: () =>
          import('./components/SentryGraphStatusCard').then(
            m => m.SentryGraphStatusCard,
          ),
      },
    }),
  );

/**
 * On an entity page: the Sentry project the entity's sentry.io/project-slug
 * annotation names. Show it where `isSentryProjectAnnotated(entity)`.
 *
 * @public
 */
export const EntitySentryGraphCard: () => JSX.Element =
  sentryGraphPlugin.provide(
    createComponentExtension({
      name: 'EntitySentryGraphCard',
      component: {
        lazy: () =>
          import('./components/EntityCards').then(m => m.EntitySentryGraphCard),
      },
    }),
  );

/**
 * On a group's page: the group compared with its Sentry team.
 *
 * @public
 */
export const EntitySentryGraphGroupCard: () => JSX.Element =
  sentryGraphPlugin.provide(
    createComponentExtension({
      name: 'EntitySentryGraphGroupCard',
      component: {
        lazy: () =>
          import('./components/EntityCards').then(
            m => m.EntitySentryGraphGroupCard,
          ),
      },
    }),
  );
