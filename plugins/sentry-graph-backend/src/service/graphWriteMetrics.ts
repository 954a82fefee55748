import type { Counter, Meter } from '@opentelemetry/api';
import type { SyncRunResult } from '../sync/types';

/**
 * What a run wrote to and deleted from the graph, by the kind that did it
 * (`teams`, `releases`, …, and `catalog` for the catalog's entities):
 * the same figures as the run's result, summed over its organizations.
 */
export class GraphWriteMetrics {
  private readonly written: Counter;
  private readonly deleted: Counter;

  constructor(meter: Meter) {
    this.written = meter.createCounter('sentry_graph.graph.written.count', {
      description: 'Nodes and relationships a run upserted in Neo4j, by kind',
    });
    this.deleted = meter.createCounter('sentry_graph.graph.deleted.count', {
      description:
        'Stale nodes and relationships a run deleted from Neo4j, by kind',
    });
  }

  record(result: SyncRunResult): void {
    for (const [syncKind, { written, deleted }] of byKind(result)) {
      this.written.add(written, { syncKind });
      this.deleted.add(deleted, { syncKind });
    }
  }
}

function byKind(
  result: SyncRunResult,
): Map<string, { written: number; deleted: number }> {
  const totals = new Map<string, { written: number; deleted: number }>();
  const add = (kind: string, figures: { written: number; deleted: number }) => {
    const total = totals.get(kind) ?? { written: 0, deleted: 0 };
    total.written += figures.written;
    total.deleted += figures.deleted;
    totals.set(kind, total);
  };
  for (const organization of result.organizations) {
    for (const [kind, figures] of Object.entries(organization.kinds)) {
      if (figures) add(kind, figures);
    }
  }
  if (result.catalog) add('catalog', result.catalog);
  return totals;
}
