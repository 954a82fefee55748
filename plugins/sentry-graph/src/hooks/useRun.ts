import { useApi } from '@backstage/core-plugin-api';
import type { RunRecord } from '@sentry-graph/plugin-sentry-graph-common';
import useAsync from 'react-use/esm/useAsync';
import { sentryGraphApiRef } from '../api';

/** One run with its result; nothing is read while `id` is undefined. */
export function useRun(id: string | undefined) {
  const api = useApi(sentryGraphApiRef);
  return useAsync<() => Promise<RunRecord | undefined>>(
    async () => (id ? api.getRun(id) : undefined),
    [api, id],
  );
}
