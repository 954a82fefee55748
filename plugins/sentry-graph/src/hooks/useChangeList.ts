import { useApi } from '@backstage/core-plugin-api';
import type {
  GraphChangeKind,
  GraphChangeName,
} from '@sentry-graph/plugin-sentry-graph-common';
import { useRef } from 'react';
import { sentryGraphApiRef } from '../api';
import { periodStart, type ChangePeriod } from '../lib/changePeriods';
import { useChangePages } from './useChangePages';

/** The change list's filters; what is unset is not filtered on. */
export interface ChangeFilters {
  organization?: string;
  kind?: GraphChangeKind;
  change?: GraphChangeName;
  period: ChangePeriod;
}

/** Changes per page of the list. */
export const CHANGE_PAGE_SIZE = 25;

/**
 * The change history through the filters, newest first, a page at a time.
 * Other filters, or a new `version` (a run ended), start again from the
 * newest page.
 */
export function useChangeList(filters: ChangeFilters, version?: string) {
  const api = useApi(sentryGraphApiRef);
  const { organization, kind, change, period } = filters;
  const key = JSON.stringify([organization, kind, change, period, version]);
  // The window starts when the first page is read; the pages after it
  // keep it, as their cursor belongs to it.
  const since = useRef<string>();
  return useChangePages(cursor => {
    if (!cursor || !since.current) since.current = periodStart(period);
    return api.getChanges({
      organization,
      kind,
      change,
      since: since.current,
      limit: CHANGE_PAGE_SIZE,
      cursor,
    });
  }, key);
}
