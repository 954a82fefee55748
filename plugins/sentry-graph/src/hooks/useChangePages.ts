import type {
  ChangesResponse,
  GraphChange,
} from '@sentry-graph/plugin-sentry-graph-common';
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ChangePages {
  /** Every change of the pages read so far, newest first. */
  changes: GraphChange[];
  /** Until the first page answered (again, after `key` changed). */
  loading: boolean;
  /** Reading the next page. */
  loadingMore: boolean;
  /** The last read's error: of the first page, or of the next one. */
  error?: unknown;
  /** Whether an older page exists. */
  hasMore: boolean;
  loadMore: () => void;
}

interface State {
  changes: GraphChange[];
  nextCursor?: string;
  loading: boolean;
  loadingMore: boolean;
  error?: unknown;
}

/**
 * Pages of changes, each appended below the ones before ("Load more"),
 * through the API's opaque cursor. A new `key` (other filters, a new run)
 * starts again from the newest page; answers to an older key are dropped.
 */
export function useChangePages(
  load: (cursor?: string) => Promise<ChangesResponse>,
  key: string,
): ChangePages {
  const [state, setState] = useState<State>({
    changes: [],
    loading: true,
    loadingMore: false,
  });
  // The latest loader, without making every render a new key.
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setState({ changes: [], loading: true, loadingMore: false });
    loadRef.current().then(
      page => {
        if (mine !== generation.current) return;
        setState({
          changes: page.changes,
          nextCursor: page.nextCursor,
          loading: false,
          loadingMore: false,
        });
      },
      error => {
        if (mine !== generation.current) return;
        setState({ changes: [], loading: false, loadingMore: false, error });
      },
    );
  }, [key]);

  const { nextCursor, loadingMore } = state;
  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) return;
    const mine = generation.current;
    setState(previous => ({
      ...previous,
      loadingMore: true,
      error: undefined,
    }));
    loadRef.current(nextCursor).then(
      page => {
        if (mine !== generation.current) return;
        setState(previous => ({
          changes: [...previous.changes, ...page.changes],
          nextCursor: page.nextCursor,
          loading: false,
          loadingMore: false,
        }));
      },
      error => {
        if (mine !== generation.current) return;
        // The pages read stay; the cursor too, to try again.
        setState(previous => ({ ...previous, loadingMore: false, error }));
      },
    );
  }, [nextCursor, loadingMore]);

  return {
    changes: state.changes,
    loading: state.loading,
    loadingMore: state.loadingMore,
    error: state.error,
    hasMore: state.nextCursor !== undefined,
    loadMore,
  };
}
