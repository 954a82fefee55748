import {
  renderAuditNote,
  type SampleAuditEvent,
} from '../server/auditLogEvents';
import type { MemberJson, MemberUserJson } from '../types/sentryJson';
import {
  type Actor,
  maxNumericId,
  type OrganizationDraft,
} from './organizationDraft';

/** Who applies a batch, from where, into which organization draft. */
export interface ChangeContext {
  draft: OrganizationDraft;
  actor: Actor;
  ipAddress: string;
}

/**
 * Appends the entry create_audit_entry writes (src/sentry/utils/audit.py), serialized as
 * AuditLogEntrySerializer serves it; `actor` overrides the batch's actor (an invite accepted
 * is the invited user's doing).
 */
export function audit(
  context: ChangeContext,
  event: SampleAuditEvent,
  entry: {
    targetObject: string | null;
    targetUser: MemberUserJson | null;
    data: Record<string, unknown>;
    actor?: Actor;
  },
): void {
  const { draft } = context;
  const actor = entry.actor ?? context.actor;
  const selfAction =
    entry.targetUser !== null &&
    'id' in actor &&
    actor.id === entry.targetUser.id;
  draft.auditEntries.push({
    id: draft.nextId('auditLogEntry', () =>
      maxNumericId(
        draft.view.auditLog,
        row => row.id,
        BigInt(draft.view.id) * 1_000_000n,
      ),
    ),
    actor,
    event,
    ipAddress: context.ipAddress,
    note: renderAuditNote(event, entry.data, {
      selfAction,
      targetName: entry.targetUser?.name,
    }),
    targetObject:
      entry.targetObject === null ? null : Number(entry.targetObject),
    targetUser: entry.targetUser,
    data: entry.data,
    dateCreated: draft.tick(),
  });
}

/**
 * OrganizationMember.get_audit_log_data(): the member's email, teams (ids and slugs), global
 * access (the field's default, true), role, invite status name and user id.
 */
export function memberAuditData(
  draft: OrganizationDraft,
  member: MemberJson,
): Record<string, unknown> {
  const slugs = draft.teamSlugsOf(member.id);
  return {
    email: member.email,
    teams: slugs.map(slug => Number(draft.team(slug).id)),
    has_global_access: true,
    role: member.orgRole ?? member.role,
    invite_status: member.inviteStatus,
    user: member.user ? Number(member.user.id) : null,
    teams_slugs: slugs,
  };
}
