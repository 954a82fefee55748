import { isoToEpochMs } from '../../isoTime';
import type { AuditLogEntryJson } from '../../types/auditLogJson';
import { ApiError, internalErrorBody } from '../apiError';
import { AUDIT_LOG_API_NAMES } from '../auditLogEvents';
import {
  InvalidDateParams,
  isIsoDateTime,
  optionalDateRange,
} from '../dateRange';
import type { OrganizationView } from '../organizationView';
import {
  type HandlerResponse,
  keysetPageIndex,
  keysetPaginated,
  type OrganizationRequest,
  type PageIndexInput,
} from './handlerContext';

const DATE_TIME_FORMAT_ERROR =
  'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].';

/**
 * AuditLogQueryParamSerializer (src/sentry/core/endpoints/organization_auditlogs.py): field
 * errors come back together as a 400. An unknown event name is not an error: it matches
 * nothing. (Sentry also caps `actor` at 2147483647; sample user ids are larger, so that cap
 * is not applied.)
 */
function auditLogFilters(query: URLSearchParams): {
  event?: string;
  actor?: string;
} {
  const errors: Record<string, string[]> = {};
  const filters: { event?: string; actor?: string } = {};
  const event = query.get('event');
  if (event !== null) {
    if (event.trim() === '') errors.event = ['This field may not be blank.'];
    else filters.event = event;
  }
  const actor = query.get('actor');
  if (actor !== null) {
    // DRF's IntegerField: surrounding spaces and a ".0" tail are allowed.
    const match = /^\s*([+-]?\d+)(?:\.0*)?\s*$/.exec(actor);
    if (match) filters.actor = String(BigInt(match[1]));
    else errors.actor = ['A valid integer is required.'];
  }
  for (const key of ['start', 'end']) {
    const value = query.get(key);
    if (value !== null && !isIsoDateTime(value))
      errors[key] = [DATE_TIME_FORMAT_ERROR];
  }
  if (Object.keys(errors).length > 0) throw new ApiError(400, errors);
  return filters;
}

/** The rows a request selects, newest first, with their DateTimePaginator keys (epoch ms). */
function selectedRows(
  view: OrganizationView,
  query: URLSearchParams,
): { rows: AuditLogEntryJson[]; keys: number[] } {
  const filters = auditLogFilters(query);
  let range;
  try {
    range = optionalDateRange(query, Date.now());
  } catch (error) {
    // The endpoint does not catch InvalidParams: Sentry answers with a 500.
    if (error instanceof InvalidDateParams)
      throw new ApiError(500, internalErrorBody());
    throw error;
  }
  const rows: AuditLogEntryJson[] = [];
  const keys: number[] = [];
  for (let index = 0; index < view.auditLog.count; index++) {
    const row = view.auditLog.get(index);
    if (filters.event !== undefined && row.event !== filters.event) continue;
    if (
      filters.actor !== undefined &&
      !('id' in row.actor && row.actor.id === filters.actor)
    )
      continue;
    const key = isoToEpochMs(row.dateCreated);
    if (range && (key < range.startMs || key > range.endMs)) continue;
    rows.push(row);
    keys.push(key);
  }
  return { rows, keys };
}

/**
 * GET /organizations/{org}/audit-logs/: the DateTimePaginator on -datetime (the cursor value
 * is epoch ms), filtered by `event`, `actor` and the date range, answered as
 * `{rows, options}` with the usual Link header.
 */
export function listAuditLog(context: OrganizationRequest): HandlerResponse {
  const { rows, keys } = selectedRows(context.view, context.query);
  return keysetPaginated(context, keys, indices => ({
    rows: indices.map(index => rows[index]),
    options: AUDIT_LOG_API_NAMES,
  }));
}

/** The page an audit-log request asks for, for page-specific fault rules. */
export function auditLogPageIndex(input: PageIndexInput): number | undefined {
  const view = input.store.organization(input.params.org);
  if (!view) return undefined;
  return keysetPageIndex(input, selectedRows(view, input.query).keys);
}
