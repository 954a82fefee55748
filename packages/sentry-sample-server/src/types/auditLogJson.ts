import type { MemberUserJson } from './sentryJson';

/**
 * A row of GET /organizations/{org}/audit-logs/ as AuditLogEntrySerializer writes it
 * (src/sentry/api/serializers/models/auditlogentry.py).
 */
export interface AuditLogEntryJson {
  id: string;
  /** The acting user (UserSerializer), or `{name}` when no user acted (a token, the system). */
  actor: MemberUserJson | { name: string };
  /** The event's api_name, e.g. "member.join-team". */
  event: string;
  ipAddress: string | null;
  /** The event's template rendered with `data`. */
  note: string;
  /** The id of the row the event is about (a member, an OrganizationMemberTeam row, a project…). */
  targetObject: number | null;
  /** The user the event is about, serialized; the bare id when that user is gone; or null. */
  targetUser: MemberUserJson | number | null;
  data: Record<string, unknown>;
  dateCreated: string;
}

/** Body of GET /organizations/{org}/audit-logs/ (a bare list before 2022). */
export interface AuditLogPageJson {
  rows: AuditLogEntryJson[];
  /** Every registered event api_name. */
  options: string[];
}
