import type { Counter, Meter } from '@opentelemetry/api';
import type { SentryRequestTallies } from '../sentry/requestTally';

/**
 * A run's Sentry requests and rate-limit waits. The attributes are the
 * client's endpoint names (`releases`, `team-members`: one per rate-limit
 * bucket, never a path with ids or cursors) and HTTP statuses, so they
 * stay few.
 */
export class SentryRequestMetrics {
  private readonly requests: Counter;
  private readonly waits: Counter;
  private readonly waitTime: Counter;

  constructor(meter: Meter) {
    this.requests = meter.createCounter('sentry_graph.sentry.requests.count', {
      description:
        "HTTP requests sent to Sentry, by endpoint and the answer's status ('none': no answer came)",
    });
    this.waits = meter.createCounter(
      'sentry_graph.sentry.rate_limit.waits.count',
      {
        description:
          "Requests that waited for their endpoint's rate-limit window",
      },
    );
    this.waitTime = meter.createCounter(
      'sentry_graph.sentry.rate_limit.waits.duration',
      {
        description:
          "Time requests spent waiting for their endpoint's rate-limit window, summed",
        unit: 'seconds',
      },
    );
  }

  record(tallies: SentryRequestTallies): void {
    for (const [endpoint, byStatus] of Object.entries(tallies.answers)) {
      for (const [status, count] of Object.entries(byStatus ?? {})) {
        this.requests.add(count, { endpoint, status });
      }
    }
    for (const [endpoint, wait] of Object.entries(tallies.waits)) {
      if (!wait) continue;
      this.waits.add(wait.count, { endpoint });
      this.waitTime.add(wait.totalMs / 1000, { endpoint });
    }
  }
}
