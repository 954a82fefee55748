import { ROLE_NAMES } from '../server/scopes';
import type {
  InviteAcceptedChange,
  MemberInviteChange,
  MemberRemovedChange,
  MemberRoleChange,
  MemberTwoFactorChange,
  TeamMemberAddedChange,
  TeamMemberRemovedChange,
  TeamRoleChange,
} from '../types/sampleChange';
import type { TeamMembership } from '../types/sampleData';
import type { MemberJson, MemberUserJson, OrgRole } from '../types/sentryJson';
import { audit, type ChangeContext, memberAuditData } from './audit';
import {
  maxNumericId,
  type OrganizationDraft,
  SampleChangeError,
} from './organizationDraft';

function withRole(member: MemberJson, role: OrgRole): MemberJson {
  // Older Sentry sends only the deprecated `role`: a member without orgRole keeps none.
  const changed: MemberJson = { ...member, role, roleName: ROLE_NAMES[role] };
  if (member.orgRole !== undefined) changed.orgRole = role;
  return changed;
}

export function changeMemberRole(
  context: ChangeContext,
  change: MemberRoleChange,
): void {
  const { draft } = context;
  const member = withRole(draft.member(change.memberId), change.role);
  draft.members.set(member);
  audit(context, 'member.edit', {
    targetObject: member.id,
    targetUser: member.user,
    data: memberAuditData(draft, member),
  });
}

/** 2FA belongs to the user, not the membership: Sentry writes no organization audit entry. */
export function changeMemberTwoFactor(
  context: ChangeContext,
  change: MemberTwoFactorChange,
): void {
  const member = context.draft.member(change.memberId);
  if (!member.user)
    throw new SampleChangeError(
      `member ${member.id} is a pending invite: it has no user to enroll in 2FA`,
    );
  context.draft.members.set({
    ...member,
    user: { ...member.user, has2fa: change.enabled },
  });
}

function requireNotOnTeam(
  draft: OrganizationDraft,
  teamSlug: string,
  memberId: string,
): void {
  if (draft.membershipsOf(teamSlug).some(row => row.memberId === memberId))
    throw new SampleChangeError(
      `member ${memberId} is already on team ${teamSlug}`,
    );
}

/** A stable stand-in for the id of an OrganizationMemberTeam row that has none (FNV-1a). */
function membershipId(row: TeamMembership, teamId: string): string {
  if (row.id) return row.id;
  let hash = 0x811c9dc5;
  for (const char of `${teamId}:${row.memberId}`)
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return String(hash & 0x7fffffff || 1);
}

function joinTeam(
  draft: OrganizationDraft,
  teamSlug: string,
  memberId: string,
  teamRole: string | null,
): TeamMembership {
  const team = draft.team(teamSlug);
  const row: TeamMembership = { memberId, teamRole };
  row.id = membershipId(row, team.id);
  draft.setMemberships(teamSlug, [...draft.membershipsOf(teamSlug), row]);
  return row;
}

export function inviteMember(
  context: ChangeContext,
  change: MemberInviteChange,
): void {
  const { draft } = context;
  const email = change.email.trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(email))
    throw new SampleChangeError(`"${change.email}" is not an email address`);
  const teams = change.teams ?? [];
  teams.forEach(slug => draft.team(slug));
  const role = change.role ?? 'member';
  const id = draft.nextId('member', () =>
    draft.members.base.count
      ? BigInt(draft.members.base.get(draft.members.base.count - 1).id)
      : BigInt(draft.view.id) * 1000n,
  );
  const inviter = 'id' in context.actor ? context.actor.name : null;
  const member: MemberJson = {
    id,
    email,
    name: email,
    user: null,
    orgRole: role,
    role,
    roleName: ROLE_NAMES[role],
    pending: true,
    expired: false,
    flags: {
      'idp:provisioned': false,
      'idp:role-restricted': false,
      'sso:linked': false,
      'sso:invalid': false,
      'member-limit:restricted': false,
      'partnership:restricted': false,
    },
    dateCreated: draft.tick(),
    inviteStatus: 'approved',
    inviterName: inviter,
  };
  draft.members.add(member);
  // save_team_assignments: the invite's team rows exist at once, without join-team entries.
  for (const slug of teams) joinTeam(draft, slug, id, null);
  audit(context, 'member.invite', {
    targetObject: id,
    targetUser: null,
    data: memberAuditData(draft, member),
  });
}

function newUser(
  draft: OrganizationDraft,
  email: string,
  name: string,
  joined: string,
): MemberUserJson {
  const id = draft.nextId('user', () =>
    maxNumericId(
      draft.members.base,
      member => member.user?.id,
      BigInt(draft.view.id) * 1000n,
    ),
  );
  return {
    id,
    name,
    username: email,
    email,
    avatarUrl: `https://gravatar.com/avatar/${id.padStart(32, '0')}?s=32&d=mm`,
    isActive: true,
    isSuspended: false,
    hasPasswordAuth: true,
    isManaged: false,
    dateJoined: joined,
    lastLogin: joined,
    has2fa: false,
    lastActive: joined,
    isSuperuser: false,
    isStaff: false,
    experiments: {},
    avatar: { avatarType: 'letter_avatar', avatarUuid: null },
    canReset2fa: true,
  };
}

/** The invited person signs up and accepts: `member.accept-invite`, written as that user. */
export function acceptInvite(
  context: ChangeContext,
  change: InviteAcceptedChange,
): void {
  const { draft } = context;
  const invite = draft.member(change.memberId);
  if (!invite.pending || invite.user)
    throw new SampleChangeError(`member ${invite.id} is not a pending invite`);
  const name = change.name ?? invite.email.split('@')[0];
  const user = newUser(draft, invite.email, name, draft.tick());
  const member: MemberJson = {
    ...invite,
    name,
    user,
    pending: false,
    expired: false,
  };
  draft.members.set(member);
  audit(context, 'member.accept-invite', {
    targetObject: member.id,
    targetUser: user,
    data: memberAuditData(draft, member),
    actor: user,
  });
}

/** The member and, by cascade, its team rows: only `member.remove` is written. */
export function removeMember(
  context: ChangeContext,
  change: MemberRemovedChange,
): void {
  const { draft } = context;
  const member = draft.member(change.memberId);
  const data = memberAuditData(draft, member);
  for (const slug of draft.teamSlugsOf(member.id)) {
    draft.setMemberships(
      slug,
      draft.membershipsOf(slug).filter(row => row.memberId !== member.id),
    );
  }
  draft.members.remove(member.id);
  audit(context, 'member.remove', {
    targetObject: member.id,
    targetUser: member.user,
    data,
  });
}

/** The join-team and leave-team data (organization_member_team_details.py). */
function teamMembershipData(
  teamSlug: string,
  member: MemberJson,
): Record<string, unknown> {
  return {
    team_slug: teamSlug,
    member_id: Number(member.id),
    email: member.email,
    is_active: true,
  };
}

export function addTeamMember(
  context: ChangeContext,
  change: TeamMemberAddedChange,
): void {
  const { draft } = context;
  const member = draft.member(change.memberId);
  draft.team(change.team);
  requireNotOnTeam(draft, change.team, member.id);
  const row = joinTeam(draft, change.team, member.id, change.teamRole ?? null);
  audit(context, 'member.join-team', {
    targetObject: row.id ?? null,
    targetUser: member.user,
    data: teamMembershipData(change.team, member),
  });
}

function membershipOf(
  draft: OrganizationDraft,
  teamSlug: string,
  memberId: string,
): TeamMembership {
  draft.team(teamSlug);
  const row = draft
    .membershipsOf(teamSlug)
    .find(membership => membership.memberId === memberId);
  if (!row)
    throw new SampleChangeError(
      `member ${memberId} is not on team ${teamSlug}`,
    );
  return row;
}

export function removeTeamMember(
  context: ChangeContext,
  change: TeamMemberRemovedChange,
): void {
  const { draft } = context;
  const member = draft.member(change.memberId);
  const row = membershipOf(draft, change.team, member.id);
  draft.setMemberships(
    change.team,
    draft.membershipsOf(change.team).filter(other => other !== row),
  );
  audit(context, 'member.leave-team', {
    targetObject: membershipId(row, draft.team(change.team).id),
    targetUser: member.user,
    data: teamMembershipData(change.team, member),
  });
}

/** `_change_team_member_role` writes no audit entry: the change is invisible in the log. */
export function changeTeamRole(
  context: ChangeContext,
  change: TeamRoleChange,
): void {
  const { draft } = context;
  const row = membershipOf(draft, change.team, change.memberId);
  draft.setMemberships(
    change.team,
    draft
      .membershipsOf(change.team)
      .map(other =>
        other === row ? { ...row, teamRole: change.teamRole } : other,
      ),
  );
}
