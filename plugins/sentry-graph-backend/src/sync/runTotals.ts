import type { SyncRunResult } from './types';

/** A run's counts summed over every organization and kind. */
export interface RunTotals {
  fetched: number;
  written: number;
  deleted: number;
  invalid: number;
}

export function runTotals(result: SyncRunResult): RunTotals {
  const totals: RunTotals = { fetched: 0, written: 0, deleted: 0, invalid: 0 };
  for (const organization of result.organizations) {
    for (const kind of Object.values(organization.kinds)) {
      if (!kind) continue;
      totals.fetched += kind.fetched;
      totals.written += kind.written;
      totals.deleted += kind.deleted;
      totals.invalid += kind.invalid;
    }
  }
  return totals;
}
