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
import type { SizePreset } from '@sentry-graph/sentry-sample-server';
import { DEFAULT_CATALOG_OPTIONS } from '../plugins/sentry-graph-backend/src/catalog/catalogOptions';
import type { BenchCatalogSizes } from './benchCatalog';

interface BenchSettings {
  sentryUrl: string;
  token: string;
  neo4j: { uri: string; username: string; password: string };
  /** Join a generated catalog of these sizes, built from this preset's data. */
  catalog?: { preset: SizePreset } & BenchCatalogSizes;
}

async function main() {
  const settings = JSON.parse(
    process.env.SENTRY_GRAPH_BENCH ?? '{}',
  ) as BenchSettings;
  // The catalog generator (and the sample data it reads) and the join load
  // only when a catalog is joined, so that their code does not count in a
  // plain sync's memory, as in the command line.
  const catalog = settings.catalog && {
    read: (await import('./benchCatalog')).benchCatalogReader(
      settings.catalog.preset,
      settings.catalog,
    ),
    join: (
      await import('../plugins/sentry-graph-backend/src/catalog/syncCatalog')
    ).syncCatalog,
    options: DEFAULT_CATALOG_OPTIONS,
  };
  // What the process holds before syncing: Node, tsx and the loaded code.
  const startRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  // Sampled, to tell what RSS is made of: the V8 heap's used part (objects,
  // live or not yet collected) and memory outside it (Buffers of sockets).
  const peak = { heapUsed: 0, external: 0 };
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
    peak.external = Math.max(peak.external, usage.external);
  }, 50);
  const { driver, store } = SentryGraphStore.open(settings.neo4j);
  try {
    const result = await runSync({
      sentry: { baseUrl: settings.sentryUrl, token: settings.token },
      engine: DEFAULT_SYNC_ENGINE_OPTIONS,
      store,
      logger: createConsoleLogger('warn'),
      catalog,
      writer: { kind: 'bench' },
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
    if (result.catalog) {
      kindSeconds.catalog =
        Math.round((result.catalog.durationMs ?? 0) / 100) / 10;
    }
    const reads = new Map<string, { listings: number; pages: number }>();
    for (const org of result.organizations) {
      for (const kind of Object.values(org.kinds)) {
        for (const read of kind?.listingReads ?? []) {
          const key = `${read.endpoint} ${read.mode}`;
          const sum = reads.get(key) ?? { listings: 0, pages: 0 };
          sum.listings += read.listings;
          sum.pages += read.pages;
          reads.set(key, sum);
        }
      }
    }
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
        reads: [...reads].map(
          ([key, sum]) => `${key} ${sum.listings} listings, ${sum.pages} pages`,
        ),
        // resourceUsage reports kilobytes on Linux.
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        startRssMb,
        peakHeapUsedMb: Math.round(peak.heapUsed / 1024 / 1024),
        peakExternalMb: Math.round(peak.external / 1024 / 1024),
      })}\n`,
    );
  } finally {
    clearInterval(sampler);
    await driver.close();
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
