import type {
  RunSummary,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import { statusHeadline } from './cardStatus';

const run = (status: RunSummary['status']): RunSummary => ({
  id: 'r',
  trigger: 'scheduled',
  status,
  createdAt: '2026-01-01T00:00:00Z',
});
const status = (overrides: Partial<SyncStatus>): SyncStatus => ({
  state: 'idle',
  stale: false,
  ...overrides,
});

describe('statusHeadline', () => {
  it('puts a run in progress first, then the last run going wrong, then staleness', () => {
    expect(
      statusHeadline(
        status({ currentRun: run('running'), lastRun: run('failed') }),
      ),
    ).toEqual({
      tone: 'running',
      text: 'Syncing now',
    });
    expect(statusHeadline(status({ currentRun: run('queued') })).text).toBe(
      'Sync queued',
    );
    expect(
      statusHeadline(status({ lastRun: run('failed'), stale: true })),
    ).toEqual({
      tone: 'error',
      text: 'The last sync failed',
    });
    expect(statusHeadline(status({ lastRun: run('partial') })).tone).toBe(
      'warning',
    );
    expect(statusHeadline(status({ lastRun: run('aborted') })).text).toBe(
      'The last sync was aborted',
    );
    expect(
      statusHeadline(status({ lastRun: run('succeeded'), stale: true })).text,
    ).toBe('Stale: no recent successful sync');
    expect(statusHeadline(status({ lastRun: run('succeeded') }))).toEqual({
      tone: 'ok',
      text: 'Fresh',
    });
  });
});
