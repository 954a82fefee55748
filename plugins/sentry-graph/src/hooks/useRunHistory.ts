import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sentryGraphApiRef } from '../api';

/**
 * One page of the run history at a time, paged with the API's `before` (the
 * last run of the page before). One run more than the page is asked for, to
 * know whether an older page exists. `version` reloads the page, e.g. when a
 * run ends.
 */
export function useRunHistory(pageSize: number, version?: string) {
  const api = useApi(sentryGraphApiRef);
  // The `before` of each page shown so far; [] is the newest page.
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors[cursors.length - 1];
  const page = useAsyncRetry(async () => {
    const { runs } = await api.listRuns({ limit: pageSize + 1, before });
    return { runs: runs.slice(0, pageSize), hasOlder: runs.length > pageSize };
  }, [api, pageSize, before, version]);

  const older = useCallback(() => {
    const last = page.value?.runs[page.value.runs.length - 1];
    if (last) setCursors(previous => [...previous, last.id]);
  }, [page.value]);
  const newer = useCallback(
    () => setCursors(previous => previous.slice(0, -1)),
    [],
  );

  return { page, older, newer, pageNumber: cursors.length + 1 };
}
