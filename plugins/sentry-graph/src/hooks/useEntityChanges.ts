import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { sentryGraphApiRef } from '../api';

/** How many of a project's or team's changes its entity card shows. */
export const ENTITY_CHANGES_SHOWN = 5;

/** The last changes of one Sentry project or team, by its node id. */
export function useEntityChanges(nodeId: string) {
  const api = useApi(sentryGraphApiRef);
  return useAsync(
    () => api.getChanges({ entity: nodeId, limit: ENTITY_CHANGES_SHOWN }),
    [api, nodeId],
  );
}
