import type { SyncRunResult } from '../sync/types';

/**
 * A human summary of a run: its kind and why, one line per organization
 * and kind, what a routine run left out, and the requests per endpoint.
 */
export function formatResult(result: SyncRunResult): string {
  const lines = [
    `Sync ${result.status} in ${(result.durationMs / 1000).toFixed(1)} s` +
      `${result.kind ? `, a ${result.kind} run` : ''} ` +
      `(update tag ${result.updateTag}; ${result.requests.requests} requests, ` +
      `${result.requests.retries} retries, ${result.requests.rateLimited} rate-limited, ` +
      // Summed over requests waiting in parallel, so it can exceed the run's time.
      `${(result.requests.budgetWaitMs / 1000).toFixed(1)} s of request time spent waiting for the rate budget)`,
  ];
  if (result.kindReason)
    lines.push(`  kind: ${result.kind}: ${result.kindReason}`);
  const byEndpoint = Object.entries(result.requests.byEndpoint ?? {});
  if (byEndpoint.length > 0) {
    lines.push(
      `  requests by endpoint: ${byEndpoint
        .sort(([a, x = 0], [b, y = 0]) => y - x || a.localeCompare(b))
        .map(([endpoint, count]) => `${endpoint} ${count}`)
        .join(', ')}`,
    );
  }
  for (const org of result.organizations) {
    // Only where it differs from the run's own kind: why this one ran full.
    const orgKind =
      org.kind && org.kind !== result.kind
        ? ` (${org.kind}${org.kindReason ? `: ${org.kindReason}` : ''})`
        : '';
    lines.push(
      `  ${org.slug}: ${org.status}${orgKind}${org.error ? ` (${org.error})` : ''}`,
    );
    // An organization that could not be read has nothing more to show.
    if (org.error) continue;
    if (org.auditLog?.read) {
      lines.push(
        `    audit log: ${org.auditLog.entries} entries since ${org.auditLog.since}`,
      );
    }
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
  for (const skipped of result.skipped ?? [])
    lines.push(`  skipped: ${skipped}`);
  for (const error of result.errors) lines.push(`  ! ${error}`);
  for (const warning of result.warnings ?? []) lines.push(`  note: ${warning}`);
  return lines.join('\n');
}
