import type { SyncStatus } from '@sentry-graph/plugin-sentry-graph-common';

/** How the status line looks: each tone has its own icon and words, not only a colour. */
export type StatusTone = 'ok' | 'running' | 'warning' | 'error';

export interface StatusHeadline {
  tone: StatusTone;
  text: string;
}

/** The one line a person reads at a glance. */
export function statusHeadline(status: SyncStatus): StatusHeadline {
  const { currentRun, lastRun, stale } = status;
  if (currentRun?.status === 'running')
    return { tone: 'running', text: 'Syncing now' };
  if (currentRun?.status === 'queued')
    return { tone: 'running', text: 'Sync queued' };
  if (lastRun?.status === 'failed')
    return { tone: 'error', text: 'The last sync failed' };
  if (lastRun?.status === 'partial')
    return { tone: 'warning', text: 'The last sync was partial' };
  if (lastRun?.status === 'aborted')
    return { tone: 'warning', text: 'The last sync was aborted' };
  if (stale)
    return { tone: 'warning', text: 'Stale: no recent successful sync' };
  return { tone: 'ok', text: 'Fresh' };
}
