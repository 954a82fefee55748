import { createRouteRef } from '@backstage/core-plugin-api';

/** The page's route in the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'sentry-graph' });
