import { useApi } from '@backstage/core-plugin-api';
import { sentryGraphApiRef } from '../api';
import { useChangePages } from './useChangePages';

/** Changes per page of a run's details. */
export const RUN_CHANGES_PAGE_SIZE = 20;

/** The changes one run recorded, newest first, a page at a time. */
export function useRunChanges(runId: string) {
  const api = useApi(sentryGraphApiRef);
  return useChangePages(
    cursor =>
      api.getRunChanges(runId, { limit: RUN_CHANGES_PAGE_SIZE, cursor }),
    runId,
  );
}
