import type { Meter, ObservableResult } from '@opentelemetry/api';

export interface LastSuccessfulRunAge {
  /** Stops observing: the run history is closed with the backend. */
  stop(): void;
}

/**
 * Seconds since the last successful run ended, read from the run history
 * at each collection, so every replica reports the same run whichever of
 * them ran it. Nothing is observed while no run has succeeded or the
 * plugin's database does not answer (the routes and the log say so
 * already): an alert on staleness must also fire on the series' absence.
 */
export function observeLastSuccessfulRunAge(
  meter: Meter,
  lastSuccessfulRunEnd: () => Promise<string | undefined>,
): LastSuccessfulRunAge {
  const gauge = meter.createObservableGauge(
    'sentry_graph.sync.last_success.age',
    {
      description:
        'Seconds since the last successful sync run ended (from the run history)',
      unit: 'seconds',
    },
  );
  const observe = async (result: ObservableResult) => {
    const finishedAt = await lastSuccessfulRunEnd().catch(() => undefined);
    if (finishedAt === undefined) return;
    result.observe(Math.max(0, (Date.now() - Date.parse(finishedAt)) / 1000));
  };
  gauge.addCallback(observe);
  return { stop: () => gauge.removeCallback(observe) };
}
