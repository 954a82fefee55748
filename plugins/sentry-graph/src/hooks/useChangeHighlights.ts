import { useApi } from '@backstage/core-plugin-api';
import type { ChangeHighlightsResponse } from '@sentry-graph/plugin-sentry-graph-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sentryGraphApiRef } from '../api';

/**
 * What changed in the last 24 hours (the backend's default window), read
 * again whenever `version` changes: the card passes the id of the last
 * finished run, whose changes then show.
 */
export function useChangeHighlights(version: string | undefined) {
  const api = useApi(sentryGraphApiRef);
  return useAsyncRetry<ChangeHighlightsResponse>(
    () => api.getChangeHighlights(),
    [api, version],
  );
}
