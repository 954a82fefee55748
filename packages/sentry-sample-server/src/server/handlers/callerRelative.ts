import type {
  ProjectJson,
  TeamJson,
  TeamProjectJson,
  TeamRole,
} from '../../types/sentryJson';
import type { OrganizationAccess } from '../auth';
import type { OrganizationView } from '../organizationView';
import {
  effectiveTeamRole,
  hasTeamRolesFeature,
  isGlobalRole,
  TEAM_ROLE_SCOPES,
} from '../scopes';

/**
 * isMember/teamRole/hasAccess/access in teams and projects describe the caller, not the team
 * (sentry-api.md §3.3). This works them out once per request from the caller's membership.
 */
export class CallerStanding {
  /** Team slug → effective team role, for the teams the caller joined. */
  private readonly joined = new Map<string, TeamRole>();
  private readonly globalAccess: boolean;
  private readonly openMembership: boolean;

  constructor(view: OrganizationView, access: OrganizationAccess) {
    const member = access.member;
    const teamRoles = hasTeamRolesFeature(view.source.organization.features);
    if (member) {
      for (const { teamSlug, teamRole } of view.teamsOfMember(member.id)) {
        this.joined.set(
          teamSlug,
          effectiveTeamRole(teamRole, access.orgRole, teamRoles),
        );
      }
    }
    this.openMembership = view.source.organization.openMembership ?? true;
    // A user token without a membership stands for a superuser, who can see every team.
    const superuserLike =
      access.caller.kind === 'user' &&
      access.caller.token.memberId === undefined;
    this.globalAccess = superuserLike || isGlobalRole(access.orgRole);
  }

  isMemberOfTeam(teamSlug: string): boolean {
    return this.joined.has(teamSlug);
  }

  hasAccessTo(joined: boolean): boolean {
    return joined || this.globalAccess || this.openMembership;
  }

  team(team: TeamJson): TeamJson {
    const role = this.joined.get(team.slug) ?? null;
    const isMember = role !== null;
    const hasAccess = this.hasAccessTo(isMember);
    let access: readonly string[] = [];
    if (role) access = TEAM_ROLE_SCOPES[role];
    else if (this.globalAccess) access = TEAM_ROLE_SCOPES.admin;
    else if (hasAccess) access = TEAM_ROLE_SCOPES.contributor;
    return {
      ...team,
      isMember,
      teamRole: role,
      hasAccess,
      access: [...access],
      isPending: false,
    };
  }

  project(project: ProjectJson): ProjectJson {
    const teams = Array.isArray(project.teams) ? project.teams : [];
    const isMember = teams.some(team => this.joined.has(team.slug));
    return { ...project, isMember, hasAccess: this.hasAccessTo(isMember) };
  }

  /** The ProjectSerializer shape used inside a team's `projects` (not the summary shape). */
  teamProject(project: ProjectJson): TeamProjectJson {
    const relative = this.project(project);
    const flags: Record<`has${string}`, boolean> = {};
    for (const [key, value] of Object.entries(relative)) {
      if (
        key.startsWith('has') &&
        key !== 'hasAccess' &&
        typeof value === 'boolean'
      ) {
        flags[key as `has${string}`] = value;
      }
    }
    return {
      ...flags,
      id: relative.id,
      slug: relative.slug,
      name: relative.name,
      platform: relative.platform,
      dateCreated: relative.dateCreated,
      isBookmarked: relative.isBookmarked,
      isMember: relative.isMember,
      features: relative.features,
      firstEvent: relative.firstEvent,
      firstTransactionEvent: relative.firstTransactionEvent,
      access: relative.access,
      hasAccess: relative.hasAccess,
      isInternal: false,
      isPublic: false,
      avatar: { avatarType: 'letter_avatar', avatarUuid: null },
      color: projectColor(relative.slug),
      status: 'active',
    };
  }
}

const PROJECT_COLORS = [
  '#3c74dd',
  '#6e5f9e',
  '#e1567c',
  '#f58159',
  '#4dc771',
  '#4e6fbe',
  '#b85586',
  '#ec5e44',
];

/** Sentry derives a project's color from its slug; any stable hash does for sample data. */
function projectColor(slug: string): string {
  let hash = 0;
  for (const char of slug) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PROJECT_COLORS[hash % PROJECT_COLORS.length];
}
