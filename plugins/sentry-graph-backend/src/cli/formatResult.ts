import type { SyncRunResult } from '../sync/types';

/** A human summary of a run, one line per organization and kind. */
export function formatResult(result: SyncRunResult): string {
  const lines = [
    `Sync ${result.status} in ${(result.durationMs / 1000).toFixed(1)} s ` +
      `(update tag ${result.updateTag}; ${result.requests.requests} requests, ` +
      `${result.requests.retries} retries, ${result.requests.rateLimited} rate-limited, ` +
      // Summed over requests waiting in parallel, so it can exceed the run's time.
      `${(result.requests.budgetWaitMs / 1000).toFixed(1)} s of request time spent waiting for the rate budget)`,
  ];
  for (const org of result.organizations) {
    lines.push(
      `  ${org.slug}: ${org.status}${org.error ? ` (${org.error})` : ''}`,
    );
    // An organization that could not be read has nothing more to show.
    if (org.error) continue;
    for (const [kind, k] of Object.entries(org.kinds)) {
      const kept =
        k.kept.length > 0
          ? `, kept: ${k.kept.map(x => `${x.what} (${x.reason})`).join('; ')}`
          : '';
      const source = k.source ? ` from ${k.source}` : '';
      const checks = k.deletionChecks
        ? ` (asked Sentry: ${k.deletionChecks.confirmed} gone, ${k.deletionChecks.stillInSentry} still there, ` +
          `${k.deletionChecks.awaitingNextRun} waiting for the next run)`
        : '';
      lines.push(
        `    ${kind.padEnd(17)} ${k.status.padEnd(10)} fetched ${k.fetched}, written ${k.written}, ` +
          `invalid ${k.invalid}, deleted ${k.deleted}${checks}${source}${kept}${k.error ? `; error: ${k.error}` : ''}`,
      );
    }
  }
  for (const error of result.errors) lines.push(`  ! ${error}`);
  for (const warning of result.warnings ?? []) lines.push(`  note: ${warning}`);
  return lines.join('\n');
}
