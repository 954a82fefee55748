import v8 from 'node:v8';
import type { WorkerMemory } from './protocol';

/** Often enough to see the heap's peaks between collections, which take longer. */
const SAMPLE_MS = 50;
const MB = 1024 * 1024;

/**
 * The worker's heap at its largest over the run, sampled: what the
 * benchmark prints and an operator sizing sentryGraph.sync.maxHeapMb reads
 * in the debug log.
 */
export class MemorySampler {
  private peakHeapUsed = 0;
  private peakExternal = 0;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  /** Stops sampling (again, harmlessly) and says what it saw. */
  stop(): WorkerMemory {
    clearInterval(this.timer);
    this.sample();
    return {
      peakHeapUsedMb: Math.round(this.peakHeapUsed / MB),
      peakExternalMb: Math.round(this.peakExternal / MB),
      heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / MB),
    };
  }

  private sample(): void {
    const { used_heap_size: used, external_memory: external } =
      v8.getHeapStatistics();
    this.peakHeapUsed = Math.max(this.peakHeapUsed, used);
    this.peakExternal = Math.max(this.peakExternal, external);
  }
}
