/**
 * The audit-log events Sentry registers (src/sentry/audit_log/register.py), in registration
 * order: the endpoint's `options` lists their api names. Four events registered last in the
 * newest source (the repository-settings ones) are left out: their api names were not read.
 */
export const AUDIT_LOG_API_NAMES: readonly string[] = [
  'member.invite',
  'member.add',
  'member.accept-invite',
  'member.edit',
  'member.remove',
  'member.join-team',
  'member.leave-team',
  'member.pending',
  'org.create',
  'org.edit',
  'org.remove',
  'org.restore',
  'team.create',
  'team.edit',
  'team.remove',
  'project.create',
  'project.edit',
  'project.change-performance-issue-detection',
  'project.remove',
  'project.remove-with-origin',
  'project.request-transfer',
  'project.accept-transfer',
  'project.enable',
  'project.disable',
  'tagkey.remove',
  'projectkey.create',
  'projectkey.edit',
  'projectkey.remove',
  'projectkey.change',
  'sso.enable',
  'sso.disable',
  'sso.edit',
  'sso-identity.link',
  'api-key.create',
  'api-key.edit',
  'api-key.remove',
  'rule.create',
  'rule.edit',
  'rule.remove',
  'rule.mute',
  'rule.disable',
  'servicehook.create',
  'servicehook.edit',
  'servicehook.remove',
  'integration.disable',
  'integration.upgrade',
  'integration.add',
  'integration.edit',
  'integration.remove',
  'sentry-app.add',
  'sentry-app.remove',
  'sentry-app.install',
  'sentry-app.uninstall',
  'integration.rotate-client-secret',
  'monitor.add',
  'monitor.edit',
  'monitor.remove',
  'monitor.environment.remove',
  'monitor.environment.edit',
  'internal-integration.create',
  'internal-integration.disable',
  'internal-integration.add-token',
  'internal-integration.remove-token',
  'invite-request.create',
  'invite-request.remove',
  'invite.remove',
  'alertrule.create',
  'alertrule.edit',
  'alertrule.remove',
  'alertrule.mute',
  'sampling_priority.enabled',
  'sampling_priority.disabled',
  'notification_action.create',
  'notification_action.edit',
  'notification_action.remove',
  'team-and-project.created',
  'org-auth-token.create',
  'org-auth-token.remove',
  'project.ownership-rule.edit',
  'project-team.remove',
  'project-team.add',
  'metric.block',
  'metric.tags.block',
  'metric.unblock',
  'metric.tags.unblock',
  'issue.delete',
  'span_extraction_rule_config.create',
  'span_extraction_rule_config.update',
  'span_extraction_rule_config.delete',
  'project_template.create',
  'uptime_monitor.add',
  'uptime_monitor.edit',
  'uptime_monitor.remove',
  'detector.add',
  'detector.edit',
  'detector.remove',
  'workflow.add',
  'workflow.edit',
  'workflow.remove',
  'detector_workflow.add',
  'detector_workflow.remove',
  'member.reinvite',
  'playstation-client-id.create',
  'playstation-client-id.remove',
  'project.create-with-origin',
  'replay-deletion-jobs.start',
  'replay-deletion-jobs.stop',
  'org.console-platform.edit',
  'autofix-settings.edit',
];

/** The events the sample server writes, with the fields their notes read. */
export type SampleAuditEvent =
  | 'member.invite'
  | 'member.accept-invite'
  | 'member.edit'
  | 'member.remove'
  | 'member.join-team'
  | 'member.leave-team'
  | 'project.create'
  | 'project.remove'
  | 'project-team.remove'
  | 'workflow.edit'
  | 'workflow.remove'
  | 'rule.edit';

/** Who the note names: the email in the data, else the target user's display name. */
function memberDisplay(
  data: Record<string, unknown>,
  targetName: string | undefined,
): string {
  if (typeof data.email === 'string') return data.email;
  return targetName ?? '(unknown member)';
}

/**
 * The `note` as Sentry renders it (the templates of register.py and the render() methods of
 * audit_log/events.py). `selfAction` is "the target user is the actor" (joined, left).
 */
export function renderAuditNote(
  event: SampleAuditEvent,
  data: Record<string, unknown>,
  context: { selfAction: boolean; targetName?: string },
): string {
  const member = memberDisplay(data, context.targetName);
  const text = (key: string) => String(data[key] ?? '');
  switch (event) {
    case 'member.invite':
      return `invited member ${text('email')}`;
    case 'member.accept-invite':
      return 'accepted the membership invite';
    case 'member.edit': {
      // MemberEditAuditLogEvent reads "team_slugs", but the data says "teams_slugs": Sentry's
      // note always reads "teams: N/A" for member data.
      const teams = Array.isArray(data.team_slugs)
        ? data.team_slugs.map(String).join(', ')
        : 'N/A';
      return `edited member ${member} (role: ${text('role') || 'N/A'}, teams: ${teams})`;
    }
    case 'member.remove':
      return context.selfAction
        ? 'left the organization'
        : `removed member ${member}`;
    case 'member.join-team':
      return context.selfAction
        ? `joined team ${text('team_slug')}`
        : `added ${member} to team ${text('team_slug')}`;
    case 'member.leave-team':
      return context.selfAction
        ? `left team ${text('team_slug')}`
        : `removed ${member} from team ${text('team_slug')}`;
    case 'project.create':
      return `created project ${text('slug')}`;
    case 'project.remove':
      return `removed project ${text('slug')}`;
    case 'project-team.remove':
      return `removed team ${text('team_slug')} from project ${text('project_slug')}`;
    case 'workflow.edit':
      return `edited workflow ${text('name')}`;
    case 'workflow.remove':
      return `removed workflow ${text('name')}`;
    case 'rule.edit':
      return `edited rule "${text('label')}"`;
    default: {
      const unknown: never = event;
      throw new Error(`No note for audit event ${String(unknown)}`);
    }
  }
}
