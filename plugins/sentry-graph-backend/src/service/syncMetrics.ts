/*
 * The plugin's metrics of its runs, through OpenTelemetry's API as
 * Backstage's scheduler and catalog publish theirs. Recorded here, on the
 * plugin's thread, from what the run's worker hands back: the worker has
 * no meter of its own. Without an OpenTelemetry SDK registered in the
 * host, the API is a no-op and so is all of this.
 */
import {
  metrics,
  type Counter,
  type Gauge,
  type Histogram,
  type Meter,
} from '@opentelemetry/api';
import type { SentryRequestTallies } from '../sentry/requestTally';
import type { SyncRunKind, SyncRunResult } from '../sync/types';
import type { WorkerMemory } from '../worker/protocol';
import { GraphWriteMetrics } from './graphWriteMetrics';
import type { FinishedRunStatus, RunTrigger } from './RunHistoryStore';
import { SentryRequestMetrics } from './sentryRequestMetrics';

/** The scope Backstage's own metrics service gives the plugin (`backstage-plugin-<pluginId>`). */
export const METER_NAME = 'backstage-plugin-sentry-graph';

/**
 * The kind a run was (its result's, which may be full where routine was
 * asked for), or for a skipped run the kind the schedule had planned.
 */
export type RunKind = SyncRunKind;

/** A run that started no sync: the previous one started within the minimum interval. */
export type RunMetricStatus = FinishedRunStatus | 'skipped';

/** A run as it ended, with what its worker handed back when it gave a result. */
export interface EndedRun {
  kind: RunKind;
  trigger: RunTrigger;
  status: FinishedRunStatus;
  /** From the run's claim to its outcome, on the plugin's thread. */
  durationMs: number;
  result?: SyncRunResult;
  memory?: WorkerMemory;
  requests?: SentryRequestTallies;
}

/** Seconds: a small organization syncs in seconds, the schedule's timeout is 20 min by default. */
const DURATION_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

export class SyncMetrics {
  private readonly runs: Counter;
  private readonly duration: Histogram;
  private readonly heapPeak: Gauge;
  private readonly heapLimit: Gauge;
  private readonly graph: GraphWriteMetrics;
  private readonly sentry: SentryRequestMetrics;

  /**
   * The meter is taken when the plugin starts: the OpenTelemetry API hands
   * out no-op meters before the host registers its SDK, and does not
   * swap them later.
   */
  static create(meter: Meter = metrics.getMeter(METER_NAME)): SyncMetrics {
    return new SyncMetrics(meter);
  }

  private constructor(meter: Meter) {
    this.runs = meter.createCounter('sentry_graph.sync.runs.count', {
      description: 'Sync runs that ended, by kind, trigger and status',
    });
    this.duration = meter.createHistogram('sentry_graph.sync.runs.duration', {
      description: 'How long sync runs took, from their start to their outcome',
      unit: 'seconds',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    this.heapPeak = meter.createGauge('sentry_graph.sync.worker.heap.peak', {
      description: "The last run's worker heap at its largest (sampled)",
      unit: 'MiBy',
    });
    this.heapLimit = meter.createGauge('sentry_graph.sync.worker.heap.limit', {
      description:
        "The last run's worker heap limit: sentryGraph.sync.maxHeapMb plus V8's young generation",
      unit: 'MiBy',
    });
    this.graph = new GraphWriteMetrics(meter);
    this.sentry = new SentryRequestMetrics(meter);
  }

  /** A run that was not started (it is not in the run history), of the kind planned for it. */
  runSkipped(trigger: RunTrigger, kind: RunKind): void {
    this.runs.add(1, runAttributes(kind, trigger, 'skipped'));
  }

  runEnded(run: EndedRun): void {
    const attributes = runAttributes(run.kind, run.trigger, run.status);
    this.runs.add(1, attributes);
    this.duration.record(run.durationMs / 1000, attributes);
    if (run.result) this.graph.record(run.result);
    // Only a worker that ended with a result hands these over.
    if (run.requests) this.sentry.record(run.requests);
    if (run.memory) {
      this.heapPeak.record(run.memory.peakHeapUsedMb);
      this.heapLimit.record(run.memory.heapLimitMb);
    }
  }
}

function runAttributes(
  kind: RunKind,
  trigger: RunTrigger,
  status: RunMetricStatus,
) {
  return { kind, trigger, status };
}
