import { useApi } from '@backstage/core-plugin-api';
import type { SummaryResponse } from '@sentry-graph/plugin-sentry-graph-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sentryGraphApiRef } from '../api';

/**
 * The graph summary, read again whenever `version` changes: the card passes
 * the id of the last finished run, so new figures appear as a run ends.
 */
export function useSummary(version: string | undefined, enabled: boolean) {
  const api = useApi(sentryGraphApiRef);
  return useAsyncRetry<SummaryResponse | undefined>(
    async () => (enabled ? api.getSummary() : undefined),
    [api, version, enabled],
  );
}
