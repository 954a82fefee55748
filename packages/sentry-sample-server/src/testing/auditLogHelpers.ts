import type { AuditLogEntryJson } from '../types/auditLogJson';
import type { SampleServer } from '../types/serverOptions';
import { parseLinkHeader, TOKEN } from './httpTestHelpers';

/** Follows the audit log's rel="next" links; returns every row and the number of pages. */
export async function walkAuditLog(
  server: SampleServer,
  path: string,
  token: string = TOKEN,
): Promise<{ rows: AuditLogEntryJson[]; pages: number }> {
  const rows: AuditLogEntryJson[] = [];
  let url: string | undefined = `${server.url}${path}`;
  let pages = 0;
  while (url) {
    const response: Response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.status !== 200)
      throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { rows: AuditLogEntryJson[] };
    rows.push(...body.rows);
    pages++;
    const { next } = parseLinkHeader(response.headers.get('link'));
    url = next.results ? next.url : undefined;
  }
  return { rows, pages };
}
