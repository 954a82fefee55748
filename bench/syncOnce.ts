/*
 * One sync in a process of its own, so the benchmark measures the sync's
 * own peak memory. It runs as the plugin runs it, in a worker thread under
 * the heap cap (runSyncInWorker), and this process's main thread plays the
 * backend's: its event loop is watched while the worker syncs. Settings
 * arrive as JSON in SENTRY_GRAPH_BENCH; prints one JSON line with the
 * result's figures, the process's peak RSS, the worker's heap and the main
 * thread's event-loop delay.
 */
import { createConsoleLogger } from '../plugins/sentry-graph-backend/src/cli/consoleLogger';
import { DEFAULT_MAX_HEAP_MB } from '../plugins/sentry-graph-backend/src/config/syncWorkerOptions';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from '../plugins/sentry-graph-backend/src/sync/context';
import type { WorkerMemory } from '../plugins/sentry-graph-backend/src/worker/protocol';
import { runSyncInWorker } from '../plugins/sentry-graph-backend/src/worker/runSyncInWorker';
import {
  runTotals,
  type SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { SizePreset } from '@sentry-graph/sentry-sample-server';
import { DEFAULT_CATALOG_OPTIONS } from '../plugins/sentry-graph-backend/src/catalog/catalogOptions';
import type { BenchCatalogSizes } from './benchCatalog';
import { loopDelayFigures, watchEventLoop } from './loopDelay';

interface BenchSettings {
  sentryUrl: string;
  token: string;
  neo4j: { uri: string; username: string; password: string };
  /** The worker's heap cap (sentryGraph.sync.maxHeapMb); the plugin's default when absent. */
  maxHeapMb?: number;
  /** Join a generated catalog of these sizes, built from this preset's data. */
  catalog?: { preset: SizePreset } & BenchCatalogSizes;
  /** The kind of run asked for; full when absent. */
  kind?: SyncRunKind;
  /** sentryGraph.sync.routine.teamRotation; the plugin's default when absent. */
  teamRotation?: number;
  /** Record the run's changes, as the plugin does, into this SQLite file's history. */
  changesFile?: string;
}

async function main() {
  const settings = JSON.parse(
    process.env.SENTRY_GRAPH_BENCH ?? '{}',
  ) as BenchSettings;
  // The catalog generator (and the sample data it reads) loads only when a
  // catalog is joined, so that its code does not count in a plain sync's
  // memory. It serves its pages on this thread, as Backstage's catalog
  // does in a backend; the worker loads the join itself.
  const catalog = settings.catalog && {
    read: (await import('./benchCatalog')).benchCatalogReader(
      settings.catalog.preset,
      settings.catalog,
    ),
    options: DEFAULT_CATALOG_OPTIONS,
  };
  // What the process holds before syncing: Node and the main side's code
  // (the worker loads its own during the sync).
  const startRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  // The worker's heap, which it samples itself: the used part (objects,
  // live or not yet collected) and memory outside it (Buffers of sockets).
  let memory: WorkerMemory | undefined;
  // The backend's loop: every other plugin's requests wait on it.
  const loop = watchEventLoop();
  // As the plugin records them: each batch stored as the worker hands it on.
  const changes =
    settings.changesFile === undefined
      ? undefined
      : await (
          await import('./changeHistoryStore')
        ).openBenchChangeWriter(settings.changesFile);
  try {
    const result = await runSyncInWorker({
      sentry: { baseUrl: settings.sentryUrl, token: settings.token },
      engine: {
        ...DEFAULT_SYNC_ENGINE_OPTIONS,
        ...(settings.teamRotation === undefined
          ? {}
          : { routineTeamRotation: settings.teamRotation }),
      },
      neo4j: settings.neo4j,
      maxHeapMb: settings.maxHeapMb ?? DEFAULT_MAX_HEAP_MB,
      logger: createConsoleLogger('warn'),
      onMemory: reported => (memory = reported),
      catalog,
      writer: { kind: 'bench' },
      kind: settings.kind,
      ...(changes ? { onChanges: batch => changes.writer.add(batch) } : {}),
    });
    // The run ends when its last change is stored, as the plugin's does.
    const recorded = changes && (await changes.close());
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
        kind: result.kind ?? 'full',
        skipped: result.skipped ?? [],
        auditLogRead: auditLogReadIn(result.organizations),
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
        peakHeapUsedMb: memory?.peakHeapUsedMb ?? 0,
        peakExternalMb: memory?.peakExternalMb ?? 0,
        heapLimitMb: memory?.heapLimitMb ?? 0,
        mainLoopDelayMs: loopDelayFigures(loop),
        changesRecorded: recorded?.recorded,
        changesError: recorded?.error,
      })}\n`,
    );
  } finally {
    loop.disable();
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});

/** Whether a routine run read the audit log of every organization, some, or none. */
function auditLogReadIn(
  organizations: ReadonlyArray<{ auditLog?: { read: boolean } }>,
): 'all' | 'some' | 'none' {
  const read = organizations.filter(org => org.auditLog?.read).length;
  if (read === 0) return 'none';
  return read === organizations.length ? 'all' : 'some';
}
