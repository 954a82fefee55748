/*
 * The step's own calls to the app's backend, with the static token of
 * backend.auth.externalAccess (a service principal, which the permission
 * framework always allows).
 */
import type {
  RunSummary,
  SummaryResponse,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import { EXAMPLE_COMPONENT } from './settings';
import { waitFor } from './wait';

export class BackendApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request(route: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${route}`, {
      ...init,
      headers: { Authorization: `Bearer ${this.token}`, ...init.headers },
      signal: AbortSignal.timeout(30_000),
    });
  }

  async json<T>(route: string, init: RequestInit = {}): Promise<T> {
    const response = await this.request(route, init);
    if (!response.ok)
      throw new Error(
        `${init.method ?? 'GET'} ${route}: HTTP ${response.status} ${await response.text()}`,
      );
    return (await response.json()) as T;
  }
}

/** The catalog has read the example component from examples/entities.yaml (the sync joins what the catalog has). */
export function waitForExampleComponent(api: BackendApi): Promise<unknown> {
  return waitFor(
    `the catalog to hold component:default/${EXAMPLE_COMPONENT}`,
    async () => {
      const response = await api.request(
        `/api/catalog/entities/by-name/component/default/${EXAMPLE_COMPONENT}`,
      );
      return response.ok ? response.json() : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 1000 },
  );
}

export interface SyncOutcome {
  run: RunSummary;
  summary: SummaryResponse;
}

/** POST /api/sentry-graph/sync, then GET /status until that run is over; fails unless it succeeded. */
export async function syncAndWait(api: BackendApi): Promise<SyncOutcome> {
  const { runId } = await api.json<{ runId: string }>(
    '/api/sentry-graph/sync',
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    },
  );
  const run = await waitFor(
    `run ${runId} to end`,
    async () => {
      const status = await api.json<SyncStatus>('/api/sentry-graph/status');
      return status.lastRun?.id === runId && !status.currentRun
        ? status.lastRun
        : undefined;
    },
    { timeoutMs: 180_000, intervalMs: 1000 },
  );
  if (run.status !== 'succeeded') {
    throw new Error(
      `run ${runId} ended ${run.status}${run.errorSummary ? `: ${run.errorSummary}` : ''}`,
    );
  }
  const summary = await api.json<SummaryResponse>('/api/sentry-graph/summary');
  return { run, summary };
}
