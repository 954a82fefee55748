import { metrics, type Attributes } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { METER_NAME } from '../service/syncMetrics';

/** One series of a counter or a gauge: its attributes and its value. */
export interface Reading {
  attributes: Attributes;
  value: number;
}

/** The plugin's metrics as one collection found them. */
export class CollectedMetrics {
  constructor(readonly all: MetricData[]) {}

  /** The series of a counter or gauge whose attributes include `match`. */
  readings(name: string, match: Attributes = {}): Reading[] {
    const metric = this.metric(name);
    if (!metric) return [];
    if (
      metric.dataPointType !== DataPointType.SUM &&
      metric.dataPointType !== DataPointType.GAUGE
    ) {
      throw new Error(`${name} is a histogram: read it with histogram()`);
    }
    return metric.dataPoints
      .filter(point => matches(point.attributes, match))
      .map(point => ({ attributes: point.attributes, value: point.value }));
  }

  /** A counter's total over the series whose attributes include `match`. */
  sum(name: string, match: Attributes = {}): number {
    return this.readings(name, match).reduce((sum, r) => sum + r.value, 0);
  }

  /** A histogram's count and sum over the series whose attributes include `match`. */
  histogram(name: string, match: Attributes = {}) {
    const metric = this.metric(name);
    const totals = { count: 0, sum: 0 };
    if (metric?.dataPointType !== DataPointType.HISTOGRAM) return totals;
    for (const point of metric.dataPoints) {
      if (!matches(point.attributes, match)) continue;
      totals.count += point.value.count;
      totals.sum += point.value.sum ?? 0;
    }
    return totals;
  }

  private metric(name: string): MetricData | undefined {
    return this.all.find(metric => metric.descriptor.name === name);
  }
}

function matches(attributes: Attributes, match: Attributes): boolean {
  return Object.entries(match).every(
    ([key, value]) => attributes[key] === value,
  );
}

/**
 * A host's OpenTelemetry SDK, as a test has it: a MeterProvider registered
 * globally before each test (so a backend started in the test takes its
 * meter from it) and removed after it, exporting to memory when the test
 * collects.
 */
export function useTestMeterProvider(): {
  collect(): Promise<CollectedMetrics>;
} {
  let exporter: InMemoryMetricExporter;
  let reader: PeriodicExportingMetricReader;
  let provider: MeterProvider | undefined;
  beforeEach(() => {
    exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    // Exports only when collected: the test decides when it reads.
    reader = new PeriodicExportingMetricReader({
      exporter,
      exportIntervalMillis: 3_600_000,
    });
    provider = new MeterProvider({ readers: [reader] });
    if (!metrics.setGlobalMeterProvider(provider)) {
      throw new Error('Another global MeterProvider is registered');
    }
  });
  afterEach(async () => {
    metrics.disable();
    await provider?.shutdown();
  });
  return {
    async collect() {
      exporter.reset();
      await reader.forceFlush();
      const exported = exporter.getMetrics().at(-1);
      return new CollectedMetrics(
        (exported?.scopeMetrics ?? [])
          .filter(scope => scope.scope.name === METER_NAME)
          .flatMap(scope => scope.metrics),
      );
    },
  };
}
