import type {
  RunRecord,
  SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import request from 'supertest';
import { waitFor } from './waitFor';

/** A test backend's server, as supertest takes it. */
export type Server = Parameters<typeof request>[0];

/**
 * The run `runId` once it has ended, with its result, and once the
 * scheduler has seen its task end too (schedulerIdle).
 */
export async function runEnded(
  server: Server,
  runId: string,
  timeoutMs?: number,
): Promise<RunRecord> {
  const run = await waitFor(async () => {
    const res = await request(server).get(`/api/sentry-graph/runs/${runId}`);
    const record: RunRecord = res.body;
    return ['queued', 'running'].includes(record.status) ? undefined : record;
  }, timeoutMs);
  await schedulerIdle(server);
  return run;
}

/**
 * Until the scheduler has recorded the sync task's end. A run's record
 * ends before its task does (its event, notifications and pruning come
 * after), and the scheduler refuses a trigger, or keeps its lock in a
 * database another backend shares, while the task is still running.
 */
export function schedulerIdle(server: Server): Promise<true> {
  return waitFor(async () => {
    const res = await request(server).get(
      '/api/sentry-graph/.backstage/scheduler/v1/tasks',
    );
    const tasks: Array<{
      taskId: string;
      taskState?: { status?: string } | null;
      workerState?: { status?: string } | null;
    }> = res.body?.tasks ?? [];
    const sync = tasks.find(task => task.taskId === 'sentry-graph:sync');
    return sync &&
      sync.taskState?.status !== 'running' &&
      sync.workerState?.status !== 'running'
      ? true
      : undefined;
  });
}

/**
 * Starts a manual run (POST /sync, with `?mode=` when `mode` is given) and
 * returns its record, with its result, once it has ended.
 */
export async function runToTheEnd(
  server: Server,
  timeoutMs?: number,
  mode?: SyncRunKind,
): Promise<RunRecord> {
  const accepted = await request(server)
    .post(`/api/sentry-graph/sync${mode ? `?mode=${mode}` : ''}`)
    .expect(202);
  return runEnded(server, accepted.body.runId, timeoutMs);
}
