/*
 * One sync in a process of its own, so the benchmark measures the sync's
 * own peak memory. Settings arrive as JSON in SENTRY_GRAPH_BENCH; prints one
 * JSON line with the result's figures and the process's peak RSS.
 */
import { SentryGraphStore } from '../plugins/sentry-graph-backend/src/graph/SentryGraphStore';
import { createConsoleLogger } from '../plugins/sentry-graph-backend/src/cli/consoleLogger';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from '../plugins/sentry-graph-backend/src/sync/context';
import { runSync } from '../plugins/sentry-graph-backend/src/sync/runSync';
import { runTotals } from '@sentry-graph/plugin-sentry-graph-common';

interface BenchSettings {
  sentryUrl: string;
  token: string;
  neo4j: { uri: string; username: string; password: string };
}

async function main() {
  const settings = JSON.parse(
    process.env.SENTRY_GRAPH_BENCH ?? '{}',
  ) as BenchSettings;
  const { driver, store } = SentryGraphStore.open(settings.neo4j);
  try {
    const result = await runSync({
      sentry: { baseUrl: settings.sentryUrl, token: settings.token },
      engine: DEFAULT_SYNC_ENGINE_OPTIONS,
      store,
      logger: createConsoleLogger('warn'),
    });
    const kindSeconds: Record<string, number> = {};
    for (const org of result.organizations) {
      for (const [kind, value] of Object.entries(org.kinds)) {
        kindSeconds[kind] = Math.max(
          kindSeconds[kind] ?? 0,
          Math.round((value?.durationMs ?? 0) / 100) / 10,
        );
      }
    }
    const { fetched, written, deleted } = runTotals(result);
    process.stdout.write(
      `${JSON.stringify({
        status: result.status,
        errors: result.errors.slice(0, 5),
        durationMs: result.durationMs,
        fetched,
        written,
        deleted,
        requests: result.requests,
        kindSeconds,
        // resourceUsage reports kilobytes on Linux.
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      })}\n`,
    );
  } finally {
    await driver.close();
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
