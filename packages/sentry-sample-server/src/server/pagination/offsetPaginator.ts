import { ApiError, internalErrorBody } from '../apiError';
import type { Cursor } from './cursor';

/** Which rows of the listing a page holds ([start, end)), and the cursors for the Link header. */
export interface PageSlice {
  start: number;
  end: number;
  next: Cursor;
  prev: Cursor;
}

/**
 * Sentry's OffsetPaginator (src/sentry/api/paginator.py), used by members, teams, team members,
 * projects, releases, workflows and detectors: the cursor value is the page size and the offset
 * is the page index. It ignores is_prev. Reproduced line by line, including the quirk that a
 * cursor made with another page size keeps only the last `limit + 1` rows it selects.
 */
export function offsetPage(
  count: number,
  cursor: Cursor | undefined,
  limit: number,
): PageSlice {
  const current = cursor ?? { value: 0, offset: 0, isPrev: false };
  const page = current.offset;
  const offset = current.offset * current.value;
  const stop = offset + (current.value || limit) + 1;
  if (offset < 0)
    throw ApiError.badRequest('Pagination offset cannot be negative');
  // Django would fail slicing a queryset with a float or a negative bound: Sentry answers 500.
  if (!Number.isInteger(offset) || !Number.isInteger(stop) || stop < 0) {
    throw new ApiError(500, internalErrorBody());
  }

  let start = Math.min(offset, count);
  let end = Math.max(start, Math.min(stop, count));
  if (current.value !== limit) start = Math.max(start, end - (limit + 1));
  const hasNext = end - start > limit;
  end = Math.min(end, start + limit);

  return {
    start,
    end,
    next: {
      value: limit,
      offset: page + 1,
      isPrev: false,
      hasResults: hasNext,
    },
    prev: {
      value: limit,
      offset: page - 1,
      isPrev: true,
      hasResults: page > 0,
    },
  };
}

/** The 0-based page index a request asks for, as fault rules count pages. */
export function offsetPageIndex(cursor: Cursor | undefined): number {
  return cursor?.offset ?? 0;
}
