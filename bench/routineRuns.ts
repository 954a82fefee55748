/*
 * `--routine`: what a routine run costs against a full one. Two full runs
 * (into the empty graph, then the one a schedule runs most days), a
 * realistic day of changes applied to each organization of the sample
 * server (POST /__sample/day-of-changes: 20 members, 5 team memberships,
 * 50 releases, 3 rules, a project added and one removed), a routine run,
 * and the next full run. Then the graph is wiped and one full run alone
 * syncs the same data: the two graphs must be the same (graphFingerprint).
 * It prints figures and PASS or FAIL against the targets; it asserts nothing.
 */
import { SentryGraphStore } from '../plugins/sentry-graph-backend/src/graph/SentryGraphStore';
import { wipeDatabase } from '../plugins/sentry-graph-backend/src/__testUtils__/testGraph';
import { fingerprintDifferences, graphFingerprint } from './graphFingerprint';
import type { RateLimitSetting } from './rateFloor';
import {
  report,
  runSyncProcess,
  type RunFigures,
  type SyncCommand,
} from './syncProcess';

/** A routine run's requests at most, as a share of a full run's (issue 20), without and with the audit log. */
const ROUTINE_SHARE_TARGET = { withoutAuditLog: 0.1, withAuditLog: 0.04 };

interface RoutineBench {
  settings: {
    sentryUrl: string;
    token: string;
    neo4j: Parameters<typeof SentryGraphStore.createDriver>[0];
    teamRotation?: number;
  };
  syncCommand: SyncCommand;
  rateLimit: RateLimitSetting;
  /** Whether the token may read the audit log (org:write). */
  auditLog: boolean;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function organizationSlugs(
  url: string,
  token: string,
): Promise<string[]> {
  const response = await fetch(`${url}/api/0/organizations/`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok)
    throw new Error(`listing the organizations: HTTP ${response.status}`);
  return ((await response.json()) as Array<{ slug: string }>).map(o => o.slug);
}

export async function applyDayOfChanges(
  url: string,
  organization: string,
  seed = 1,
) {
  const response = await fetch(`${url}/__sample/day-of-changes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ organization, seed }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(
      `a day of changes in ${organization}: ${JSON.stringify(body)}`,
    );
  say(
    `  ${organization}: ${String(body.applied)} changes applied, ${String(body.auditLogEntries)} audit-log entries`,
  );
}

export async function measureRoutineRuns(bench: RoutineBench): Promise<void> {
  const sync = async (label: string, kind: 'full' | 'routine') => {
    const started = Date.now();
    const figures = await runSyncProcess(
      { ...bench.settings, kind },
      bench.syncCommand,
    );
    const wallMs = Date.now() - started;
    report(label, wallMs, figures, bench.rateLimit);
    return { figures, wallMs };
  };
  await sync('empty graph', 'full');
  const full = await sync('full run', 'full');

  say('a day of changes in Sentry:');
  for (const slug of await organizationSlugs(
    bench.settings.sentryUrl,
    bench.settings.token,
  ))
    await applyDayOfChanges(bench.settings.sentryUrl, slug);

  const routine = await sync('routine run', 'routine');
  for (const line of routine.figures.skipped)
    say(`             skipped: ${line}`);
  await sync('next full', 'full');

  const driver = SentryGraphStore.createDriver(bench.settings.neo4j);
  let differences: string[];
  try {
    const afterRoutine = await graphFingerprint(driver);
    await wipeDatabase(driver);
    await sync('full alone', 'full');
    differences = fingerprintDifferences(
      afterRoutine,
      await graphFingerprint(driver),
    );
  } finally {
    await driver.close();
  }

  const share = requestsOf(routine.figures) / requestsOf(full.figures);
  const target = bench.auditLog
    ? ROUTINE_SHARE_TARGET.withAuditLog
    : ROUTINE_SHARE_TARGET.withoutAuditLog;
  const auditLogRead = routine.figures.auditLogRead;
  say('routine run against the full run:');
  say(
    `  requests ${requestsOf(routine.figures)} against ${requestsOf(full.figures)}: ${(share * 100).toFixed(1)}% | ` +
      `wall ${(routine.wallMs / 1000).toFixed(1)} s against ${(full.wallMs / 1000).toFixed(1)} s | kind ${routine.figures.kind}`,
  );
  const verdicts: Array<[string, boolean]> = [
    [
      `the routine run's requests ${(share * 100).toFixed(1)}% of the full run's, at most ${target * 100}% (${bench.auditLog ? 'with' : 'without'} the audit log)`,
      share <= target && routine.figures.kind === 'routine',
    ],
    [
      `the routine run ${bench.auditLog ? 'read' : 'did not read'} the audit log in every organization`,
      auditLogRead === (bench.auditLog ? 'all' : 'none'),
    ],
    [
      `the graph after the routine run and the next full run equals a full run's alone${differences.length > 0 ? `: ${differences.join('; ')}` : ''}`,
      differences.length === 0,
    ],
    [
      'every run succeeded',
      [full, routine].every(run => run.figures.status === 'succeeded'),
    ],
  ];
  say('targets:');
  for (const [target, met] of verdicts)
    say(`  ${met ? 'PASS' : 'FAIL'}: ${target}`);
}

const requestsOf = (figures: RunFigures) => figures.requests.requests;
