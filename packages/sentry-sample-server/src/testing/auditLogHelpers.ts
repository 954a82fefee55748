import type {
  AuditLogEntryJson,
  AuditLogPageJson,
} from '../types/auditLogJson';
import type { SampleServer } from '../types/serverOptions';
import { TOKEN, walkPages } from './httpTestHelpers';

/** Follows the audit log's rel="next" links; returns every row and the number of pages. */
export async function walkAuditLog(
  server: SampleServer,
  path: string,
  token: string = TOKEN,
): Promise<{ rows: AuditLogEntryJson[]; pages: number }> {
  const { items, pages } = await walkPages(
    server,
    path,
    token,
    body => (body as AuditLogPageJson).rows,
  );
  return { rows: items, pages };
}
