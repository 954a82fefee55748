/**
 * Sentry's OffsetPaginator (src/sentry/api/paginator.py), which members,
 * teams, team members, projects, releases, workflows and detectors use,
 * writes its cursors as `{page size}:{page index}:{is_prev}`
 * (src/sentry/utils/cursors.py `Cursor.__str__`), so once the first page has
 * answered, the cursor of every later page is known. A keyset paginator's
 * cursor (legacy rules, organizations) holds a sort key and a tie-break
 * offset that only the page before can tell.
 */
export function offsetCursor(pageSize: number, pageIndex: number): string {
  return `${pageSize}:${pageIndex}:0`;
}

/**
 * Whether the first page's next cursor has the offset form: the page size
 * asked for, page 1, forward. A keyset cursor could only look like it with
 * a sort key equal to the page size and a tie on it, which neither rule ids
 * (unique) nor dates in epoch milliseconds produce.
 */
export function isOffsetCursorAfterFirstPage(
  cursor: string,
  pageSize: number,
): boolean {
  return cursor === offsetCursor(pageSize, 1);
}
