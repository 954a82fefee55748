import type {
  HealthResponse,
  OrganizationSummary,
  RunRecord,
  RunSummary,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import { LISTED_FINDINGS } from '@sentry-graph/plugin-sentry-graph-common';

const minutesAgo = (n: number) =>
  new Date(Date.now() - n * 60_000).toISOString();
const minutesAhead = (n: number) =>
  new Date(Date.now() + n * 60_000).toISOString();

export const healthy: HealthResponse = {
  status: 'ok',
  neo4j: { reachable: true },
  database: { reachable: true },
};
export const neo4jDown: HealthResponse = {
  ...healthy,
  neo4j: { reachable: false, error: 'ServiceUnavailable' },
};
/** What /summary and /entities answer (503) while the backend cannot reach Neo4j. */
export const neo4jUnreachableMessage =
  'Neo4j at bolt://neo4j.internal:7687 cannot be reached (Neo4jUnreachableError: ' +
  'no transaction taken within 3 s); check sentryGraph.neo4j.uri and that this host can reach it';
export const databaseDown: HealthResponse = {
  ...healthy,
  database: { reachable: false, error: 'ECONNREFUSED' },
};

export function run(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    trigger: 'scheduled',
    status: 'succeeded',
    createdAt: minutesAgo(6),
    startedAt: minutesAgo(6),
    finishedAt: minutesAgo(5),
    totals: { fetched: 14585, written: 36420, deleted: 0, invalid: 0 },
    ...overrides,
  };
}

export function idleStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  const last = run();
  return {
    state: 'idle',
    lastRun: last,
    lastSuccessfulRun: last,
    nextRunAt: minutesAhead(25),
    stale: false,
    ...overrides,
  };
}

export function runningStatus(current: RunSummary, items = 1500): SyncStatus {
  return idleStatus({
    state: current.status === 'running' ? 'running' : 'idle',
    currentRun: current,
    progress:
      current.status === 'running'
        ? { organization: 'acme', kind: 'releases', items }
        : undefined,
  });
}

/** acme with every finding empty but the ones given. */
export function acmeSummary(
  findings: Partial<OrganizationSummary['findings']> = {},
): OrganizationSummary {
  const empty = Object.fromEntries(
    LISTED_FINDINGS.map(key => [key, { count: 0, items: [] }]),
  ) as unknown as OrganizationSummary['findings'];
  return {
    computedAt: minutesAgo(5),
    runId: run().id,
    organization: {
      id: '1',
      slug: 'acme',
      name: 'Acme Corp',
      url: 'https://sentry.example/organizations/acme/',
      require2fa: true,
    },
    nodes: {
      SentryOrganization: 1,
      SentryUser: 1000,
      SentryTeam: 100,
      SentryProject: 300,
      SentryRelease: 10000,
      SentryAlertRule: 1000,
    },
    relationships: {},
    findings: {
      ...empty,
      membersWithout2fa: { count: 0, items: [], flagged: true },
      ...findings,
    },
  };
}
