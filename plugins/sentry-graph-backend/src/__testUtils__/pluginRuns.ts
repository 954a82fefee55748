import type { RunRecord } from '@sentry-graph/plugin-sentry-graph-common';
import request from 'supertest';
import { waitFor } from './waitFor';

/** A test backend's server, as supertest takes it. */
export type Server = Parameters<typeof request>[0];

/** Starts a manual run (POST /sync) and returns its record, with its result, once it has ended. */
export async function runToTheEnd(
  server: Server,
  timeoutMs?: number,
): Promise<RunRecord> {
  const accepted = await request(server)
    .post('/api/sentry-graph/sync')
    .expect(202);
  return waitFor(async () => {
    const res = await request(server).get(
      `/api/sentry-graph/runs/${accepted.body.runId}`,
    );
    const run: RunRecord = res.body;
    return ['queued', 'running'].includes(run.status) ? undefined : run;
  }, timeoutMs);
}
