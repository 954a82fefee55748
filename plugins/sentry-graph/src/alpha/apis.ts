import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { SentryGraphClient, sentryGraphApiRef } from '../api';

/** The API client, on the app's discovery and fetch APIs. */
export const sentryGraphApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sentryGraphApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SentryGraphClient(deps),
    }),
});
