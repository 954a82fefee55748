import { useApi } from '@backstage/core-plugin-api';
import type {
  HealthResponse,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { sentryGraphApiRef } from '../api';

/** While a run is queued or running, progress is worth watching closely. */
export const ACTIVE_POLL_MS = 2_000;
/** Otherwise a minute is plenty: a sync runs every 30 minutes by default. */
export const IDLE_POLL_MS = 60_000;

export interface SyncStatusState {
  /** The last status read; kept while a later poll fails. */
  status?: SyncStatus;
  /** The last health read (Neo4j reachable or not). */
  health?: HealthResponse;
  /** The last poll's error, cleared by the next good one. */
  error?: unknown;
  /** Until the first poll answered. */
  loading: boolean;
  /** Polls now, e.g. right after a sync was requested. */
  refresh: () => void;
}

/**
 * Polls /status and /health: every 2 s while a run is queued or running,
 * every 60 s otherwise, and not at all while the page is hidden (a visible
 * page polls at once).
 */
export function useSyncStatus(): SyncStatusState {
  const api = useApi(sentryGraphApiRef);
  const [state, setState] = useState<Omit<SyncStatusState, 'refresh'>>({
    loading: true,
  });
  const pollNow = useRef<() => void>(() => {});

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;

    const poll = async () => {
      clearTimeout(timer);
      if (stopped || document.hidden) return;
      const mine = ++generation;
      const [status, health] = await Promise.allSettled([
        api.getStatus(),
        api.getHealth(),
      ]);
      // A newer poll (refresh) started meanwhile: its answer wins.
      if (stopped || mine !== generation) return;
      setState(previous => ({
        loading: false,
        status: status.status === 'fulfilled' ? status.value : previous.status,
        health: health.status === 'fulfilled' ? health.value : undefined,
        error: status.status === 'rejected' ? status.reason : undefined,
      }));
      const active =
        status.status === 'fulfilled' && status.value.currentRun !== undefined;
      timer = setTimeout(poll, active ? ACTIVE_POLL_MS : IDLE_POLL_MS);
    };
    const onVisibilityChange = () => {
      if (!document.hidden) void poll();
    };

    pollNow.current = () => void poll();
    document.addEventListener('visibilitychange', onVisibilityChange);
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [api]);

  const refresh = useCallback(() => pollNow.current(), []);
  return { ...state, refresh };
}
