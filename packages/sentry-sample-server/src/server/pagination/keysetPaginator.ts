import { ApiError, internalErrorBody } from '../apiError';
import type { Cursor } from './cursor';

export interface KeysetPage {
  /** Row indices of the page, in serving order. */
  indices: number[];
  next: Cursor;
  prev: Cursor;
}

/**
 * Sentry's keyset Paginator/DateTimePaginator (BasePaginator.get_result + utils/cursors.py
 * build_cursor) over rows sorted by a numeric key, descending (rules by -id, organizations by
 * -date_added in epoch ms). The cursor value is a key bound (inclusive) and the offset breaks ties.
 * `keys[i]` is the raw key of row i; keys must be non-increasing.
 */
export function keysetPageDescending(
  keys: readonly number[],
  cursor: Cursor | undefined,
  limit: number,
): KeysetPage {
  const current = cursor ?? { value: 0, offset: 0, isPrev: false };
  // get_item_key rounds up while paging forward on a descending key and down for prev cursors.
  const keyOf = (row: number, forPrev = false): number =>
    forPrev ? Math.floor(keys[row]) : Math.ceil(keys[row]);

  // build_queryset: a prev cursor flips the order to ascending and the filter to key >= value.
  const ascending = current.isPrev;
  let sequence: number[];
  if (!ascending) {
    const first = current.value
      ? firstIndex(keys, key => key <= current.value)
      : 0;
    sequence = range(first, keys.length);
  } else {
    const end = current.value
      ? firstIndex(keys, key => key < current.value)
      : keys.length;
    sequence = range(0, end).reverse();
  }

  const offset = current.offset;
  if (offset < 0) throw new ApiError(500, internalErrorBody()); // Django: negative indexing
  const extra = current.isPrev && current.value ? 2 : 1;
  let results = sequence.slice(offset, offset + limit + extra);
  if (current.isPrev && current.value) {
    if (results.length && keyOf(results[0], true) === current.value)
      results = results.slice(1);
    else if (results.length === offset + limit + extra)
      results = results.slice(0, -1);
  }
  if (current.isPrev) results.reverse();
  return buildCursor(results, current, limit, keyOf);
}

function buildCursor(
  results: number[],
  cursor: Cursor,
  limit: number,
  keyOf: (row: number, forPrev?: boolean) => number,
): KeysetPage {
  const count = results.length;

  // _build_next_values (descending)
  let nextValue: number;
  let nextOffset: number;
  let hasNext: boolean;
  const startValue = !cursor.value && count ? keyOf(results[0]) : cursor.value;
  if (cursor.isPrev) {
    [nextValue, nextOffset, hasNext] = [startValue, 0, true];
  } else if (!count) {
    [nextValue, nextOffset, hasNext] = [startValue, cursor.offset, false];
  } else {
    hasNext = count > limit;
    nextValue = keyOf(results[count - 1]);
    if (nextValue === startValue) {
      nextOffset = cursor.offset + limit;
    } else {
      nextOffset = 0;
      const reversed = [...results].reverse();
      for (const row of hasNext ? reversed.slice(1) : reversed) {
        if (keyOf(row) <= nextValue) nextOffset += 1;
        else break;
      }
    }
  }

  // _build_prev_values (descending)
  const hasPrev = cursor.isPrev
    ? count > limit
    : Boolean(cursor.value || cursor.offset);
  const firstPrevIndex = cursor.isPrev && hasPrev ? 1 : 0;
  const prevValue = count ? keyOf(results[firstPrevIndex], true) : 0;
  let prevOffset = cursor.isPrev ? cursor.offset : 0;
  if (cursor.isPrev && count) {
    if (prevValue === cursor.value) {
      prevOffset = cursor.offset + limit;
    } else {
      prevOffset = 0;
      for (const row of results.slice(hasPrev ? 2 : 1)) {
        if (keyOf(row, true) >= prevValue) prevOffset += 1;
        else break;
      }
    }
  }

  let page = results;
  if (cursor.isPrev && hasPrev) page = results.slice(1);
  else if (!cursor.isPrev) page = results.slice(0, limit);

  return {
    indices: page,
    next: {
      value: nextValue || 0,
      offset: nextOffset,
      isPrev: false,
      hasResults: hasNext,
    },
    prev: {
      value: prevValue || 0,
      offset: prevOffset,
      isPrev: true,
      hasResults: hasPrev,
    },
  };
}

/** First index whose key satisfies `test`, for a predicate that is monotonic over `keys`. */
function firstIndex(
  keys: readonly number[],
  test: (key: number) => boolean,
): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(keys[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}

function range(start: number, end: number): number[] {
  return Array.from(
    { length: Math.max(0, end - start) },
    (_, index) => start + index,
  );
}
