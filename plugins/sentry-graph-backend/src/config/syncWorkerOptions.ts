/** Where a run executes: its worker thread's limits (`sentryGraph.sync`). */
export interface SyncWorkerOptions {
  /** The worker's V8 old-generation cap, in MB (`sync.maxHeapMb`). */
  maxHeapMb: number;
}

/**
 * 512 MB. A sync keeps 30 to 40 MB alive whatever the organization's
 * size, and its heap's used part peaked at 120 to 160 MB at L and XL with
 * no cap at all (docs/benchmarks.md): XL fits three times over. Under a
 * cap V8 collects sooner, and L and XL ran as fast under 128 MB, so the
 * room is for what no benchmark has: larger items, a larger catalog, a
 * Sentry that sends pages slowly while others pile up. The cap is a
 * ceiling, not a reservation: a run gone wrong fails alone at 512 MB,
 * long before it could take the backend's memory.
 */
export const DEFAULT_MAX_HEAP_MB = 512;
/** Below this the worker cannot load the engine's code. */
export const MIN_MAX_HEAP_MB = 16;
export const MAX_MAX_HEAP_MB = 16_384;
