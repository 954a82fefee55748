import type { OrgRole } from './sentryJson';

/*
 * Changes made in "Sentry" between two runs of a client, applied by applyChanges() or
 * POST /__sample/changes. Each one updates what the listings serve and appends the audit-log
 * entry real Sentry writes for it (none where Sentry writes none).
 */

/** PUT /organizations/{org}/members/{id}/ with a new org role: `member.edit`. */
export interface MemberRoleChange {
  kind: 'member-role';
  memberId: string;
  role: OrgRole;
}

/** The member's user enrolls in or removes 2FA: user-level, so no audit entry. */
export interface MemberTwoFactorChange {
  kind: 'member-2fa';
  memberId: string;
  enabled: boolean;
}

/** POST /organizations/{org}/members/ (an email invite, pending): `member.invite`. */
export interface MemberInviteChange {
  kind: 'member-invite';
  email: string;
  /** Default 'member'. */
  role?: OrgRole;
  /** Team slugs: the invite gets their memberships at once (counted in memberCount). */
  teams?: string[];
}

/** The invited person accepts: the member gets a user. `member.accept-invite`, by that user. */
export interface InviteAcceptedChange {
  kind: 'invite-accepted';
  memberId: string;
  /** The new user's display name (default: the part of the email before "@"). */
  name?: string;
}

/** DELETE /organizations/{org}/members/{id}/: `member.remove`; its team rows go with it. */
export interface MemberRemovedChange {
  kind: 'member-removed';
  memberId: string;
}

/** POST /organizations/{org}/members/{id}/teams/{team}/: `member.join-team`. */
export interface TeamMemberAddedChange {
  kind: 'team-member-added';
  /** Team slug. */
  team: string;
  memberId: string;
  /** The stored team role (default null: derived from the org role). */
  teamRole?: string | null;
}

/** DELETE /organizations/{org}/members/{id}/teams/{team}/: `member.leave-team`. */
export interface TeamMemberRemovedChange {
  kind: 'team-member-removed';
  team: string;
  memberId: string;
}

/** PUT /organizations/{org}/members/{id}/teams/{team}/ with teamRole: Sentry audits nothing. */
export interface TeamRoleChange {
  kind: 'team-role';
  team: string;
  memberId: string;
  teamRole: string | null;
}

/** New releases, created now: the newest of the listing. No audit entry (none is registered). */
export interface ReleasesCreatedChange {
  kind: 'releases-created';
  count: number;
  /** Project slugs the releases go to in turn (default: every project in turn). */
  projects?: string[];
}

/** PUT /organizations/{org}/releases/{version}/ with status archived: no audit entry. */
export interface ReleaseArchivedChange {
  kind: 'release-archived';
  version: string;
}

/** PUT /organizations/{org}/workflows/{id}/: dateUpdated bumped, `workflow.edit`. */
export interface WorkflowChangedChange {
  kind: 'workflow-changed';
  workflowId: string;
  name?: string;
  enabled?: boolean;
  /** Minutes, config.frequency. */
  frequency?: number;
}

/**
 * DELETE /organizations/{org}/workflows/{id}/: `workflow.remove`. The workflow leaves the
 * listing, and its detectors' workflowIds (the DetectorWorkflow rows go with it).
 */
export interface WorkflowRemovedChange {
  kind: 'workflow-removed';
  workflowId: string;
}

/** PUT /projects/{org}/{project}/rules/{id}/: `rule.edit`. A Rule has no date_updated. */
export interface LegacyRuleChangedChange {
  kind: 'legacy-rule-changed';
  /** Project slug. */
  project: string;
  ruleId: string;
  name?: string;
  frequency?: number;
}

/** POST /teams/{org}/{team}/projects/: `project.create`. */
export interface ProjectAddedChange {
  kind: 'project-added';
  slug: string;
  name?: string;
  platform?: string | null;
  /** Team slugs that own it. */
  teams?: string[];
}

/** DELETE /projects/{org}/{project}/: `project.remove`; the project leaves every listing. */
export interface ProjectRemovedChange {
  kind: 'project-removed';
  project: string;
}

/**
 * DELETE /projects/{org}/{project}/teams/{team}/: `project-team.remove`. The team leaves the
 * project's `teams` (and `team`, the first of them).
 */
export interface ProjectTeamRemovedChange {
  kind: 'project-team-removed';
  /** Project slug. */
  project: string;
  /** Team slug. */
  team: string;
}

export type SampleChange =
  | MemberRoleChange
  | MemberTwoFactorChange
  | MemberInviteChange
  | InviteAcceptedChange
  | MemberRemovedChange
  | TeamMemberAddedChange
  | TeamMemberRemovedChange
  | TeamRoleChange
  | ReleasesCreatedChange
  | ReleaseArchivedChange
  | WorkflowChangedChange
  | WorkflowRemovedChange
  | LegacyRuleChangedChange
  | ProjectAddedChange
  | ProjectRemovedChange
  | ProjectTeamRemovedChange;

export type SampleChangeKind = SampleChange['kind'];

/** Changes to one organization, applied in order, all or none. */
export interface ChangeBatch {
  /** Slug or numeric id. */
  organization: string;
  changes: SampleChange[];
  /** When the changes happen (ISO 8601). Default: the moment they are applied. */
  at?: string;
  /** Member id of who makes them (default: the first owner with a user). */
  actorMemberId?: string;
  /** Default 203.0.113.10 (a documentation address). */
  ipAddress?: string;
}

/** What applying a batch did. */
export interface ChangeSummary {
  organization: string;
  applied: number;
  auditLogEntries: number;
}
