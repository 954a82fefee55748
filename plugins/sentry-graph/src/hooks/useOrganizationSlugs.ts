import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { sentryGraphApiRef } from '../api';

/**
 * The organizations the graph holds, by slug, for the change list's
 * filter: from the stored summary. Empty while it loads or when it cannot
 * be read (the filter then offers the organizations of the changes shown).
 */
export function useOrganizationSlugs(): string[] {
  const api = useApi(sentryGraphApiRef);
  const { value } = useAsync(() => api.getSummary(), [api]);
  return value?.organizations.map(o => o.organization.slug) ?? [];
}
