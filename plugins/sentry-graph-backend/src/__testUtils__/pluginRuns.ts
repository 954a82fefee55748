import type {
  RunRecord,
  SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import request from 'supertest';
import { waitFor } from './waitFor';

/** A test backend's server, as supertest takes it. */
export type Server = Parameters<typeof request>[0];

/** The run `runId` once it has ended, with its result. */
export function runEnded(
  server: Server,
  runId: string,
  timeoutMs?: number,
): Promise<RunRecord> {
  return waitFor(async () => {
    const res = await request(server).get(`/api/sentry-graph/runs/${runId}`);
    const run: RunRecord = res.body;
    return ['queued', 'running'].includes(run.status) ? undefined : run;
  }, timeoutMs);
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
