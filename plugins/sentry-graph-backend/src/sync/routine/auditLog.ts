import type { AuditLogUse } from '@sentry-graph/plugin-sentry-graph-common';
import {
  SentryAuditLogEntrySchema,
  SentryNotFoundError,
  SentryPermissionError,
  type SentryAuditLogEntry,
} from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { describeError } from '../describeError';

/**
 * Read back this far before the last read: an entry written while that run
 * was reading (or stamped by a clock a little behind ours) is read again
 * rather than missed. Reading an entry twice costs nothing.
 */
const CLOCK_MARGIN_MS = 15 * 60_000;

/** The teams an audit log names as changed, as the entries name them. */
export interface AuditLogSignals {
  /** Teams whose memberships an entry changed, by slug (`member.join-team` names only the slug). */
  teamSlugs: Set<string>;
  /** The same by id (`member.accept-invite`, `member.edit` list the member's teams by id). */
  teamIds: Set<string>;
  /**
   * Members edited (`member.edit`): the entry lists their teams after the
   * edit, so the teams the graph has them in are read too, for a team they
   * left or a team role changed through the member.
   */
  editedMemberIds: Set<string>;
}

export interface AuditLogOutcome {
  use: AuditLogUse;
  /** Present when the log was read whole. */
  signals?: AuditLogSignals;
}

/**
 * The audit log of one organization since its last read (or since its last
 * full run), newest first: what it names tells a routine run which teams'
 * member listings to read again. Reading it is optional: without `org:write`
 * (403), on a Sentry without the endpoint (404), or on an answer that is
 * not an audit log, the run goes on without it and says why, once.
 */
export async function readAuditLog(
  context: OrganizationContext,
): Promise<AuditLogOutcome> {
  if (!context.options.routineAuditLog)
    return notRead('turned off (sentryGraph.sync.routine.auditLog: false)');
  const state = context.routine!.state;
  const readFrom = Math.max(state.fullSynced ?? 0, state.auditLogRead ?? 0);
  const sinceMs = readFrom * 1000 - CLOCK_MARGIN_MS;
  const since = new Date(sinceMs).toISOString();
  // What the entries name is kept, not the entries: a busy day's log can be long.
  const signals = emptySignals();
  let entries = 0;
  try {
    for await (const page of context.client.paginate(
      orgPath(context, 'audit-logs/'),
      {
        endpoint: 'audit-logs',
        itemSchema: SentryAuditLogEntrySchema,
        itemsKey: 'rows',
        query: { start: since, end: new Date().toISOString() },
        sequential: true,
        signal: context.signal,
      },
    )) {
      if (page.invalid.length > 0) {
        return notRead(
          `Sentry's audit log sent ${page.invalid.length} entr${page.invalid.length === 1 ? 'y' : 'ies'} that could not be read, so it cannot show what changed`,
        );
      }
      const recent = page.items.filter(
        entry => !(Date.parse(entry.dateCreated) < sinceMs),
      );
      auditSignals(recent, signals);
      entries += recent.length;
      // Sentry before the date filter lists the whole log, newest first.
      if (recent.length < page.items.length) break;
    }
  } catch (error) {
    return notRead(whyNotRead(error, context.signal));
  }
  return { use: { read: true, entries, since }, signals };
}

function emptySignals(): AuditLogSignals {
  return {
    teamSlugs: new Set(),
    teamIds: new Set(),
    editedMemberIds: new Set(),
  };
}

/**
 * Adds what the entries name to `signals`, event by event
 * (src/sentry/audit_log/register.py and their call sites).
 */
export function auditSignals(
  entries: readonly SentryAuditLogEntry[],
  signals: AuditLogSignals = emptySignals(),
): AuditLogSignals {
  for (const entry of entries) {
    switch (entry.event) {
      case 'member.join-team':
      case 'member.leave-team':
        // targetObject is the membership row; the data names the team.
        addSlugs(signals.teamSlugs, [entry.data.team_slug]);
        break;
      case 'member.edit':
        if (entry.targetObject) signals.editedMemberIds.add(entry.targetObject);
        addMemberTeams(signals, entry);
        break;
      case 'member.add':
      case 'member.accept-invite':
        addMemberTeams(signals, entry);
        break;
      default:
      // Other events change what the listings a routine run reads whole show.
    }
  }
  return signals;
}

/** OrganizationMember.get_audit_log_data(): `teams` (ids) and `teams_slugs`. */
function addMemberTeams(
  signals: AuditLogSignals,
  entry: SentryAuditLogEntry,
): void {
  const { teams, teams_slugs: slugs } = entry.data;
  if (Array.isArray(teams)) addIds(signals.teamIds, teams);
  if (Array.isArray(slugs)) addSlugs(signals.teamSlugs, slugs);
}

function addSlugs(into: Set<string>, values: readonly unknown[]): void {
  for (const value of values)
    if (typeof value === 'string' && value !== '') into.add(value);
}

/** Sentry writes ids as integers; a digit string is taken too. */
function addIds(into: Set<string>, values: readonly unknown[]): void {
  for (const value of values) {
    if (
      Number.isSafeInteger(value) ||
      (typeof value === 'string' && /^\d+$/.test(value))
    )
      into.add(String(value));
  }
}

function notRead(reason: string): AuditLogOutcome {
  return { use: { read: false, reason } };
}

function whyNotRead(error: unknown, signal?: AbortSignal): string {
  if (signal?.aborted) return 'the run was aborted while reading it';
  if (error instanceof SentryPermissionError) {
    return error.status === 401
      ? 'Sentry refused the token (401)'
      : `the token lacks org:write, which Sentry's audit log needs (it answered ${error.status ?? 403})`;
  }
  if (error instanceof SentryNotFoundError)
    return 'this Sentry has no audit log endpoint (404)';
  return `it could not be read: ${describeError(error)}`;
}
