import type { OrgRole, TeamRole } from '../types/sentryJson';

/** Every scope Sentry knows (sentry-api.md §1): the default sample token has them all. */
export const ALL_SCOPES: readonly string[] = [
  'org:read',
  'org:write',
  'org:admin',
  'org:integrations',
  'org:billing',
  'org:ci',
  'member:read',
  'member:write',
  'member:admin',
  'member:invite',
  'team:read',
  'team:write',
  'team:admin',
  'project:read',
  'project:write',
  'project:admin',
  'project:releases',
  'project:distribution',
  'event:read',
  'event:write',
  'event:admin',
  'alerts:read',
  'alerts:write',
];

/** SENTRY_SCOPE_HIERARCHY_MAPPING: X:admin implies X:write implies X:read. */
export function expandScopes(scopes: Iterable<string>): Set<string> {
  const expanded = new Set<string>();
  for (const scope of scopes) {
    expanded.add(scope);
    const [resource, level] = scope.split(':');
    if (level === 'admin') expanded.add(`${resource}:write`);
    if (level === 'admin' || level === 'write')
      expanded.add(`${resource}:read`);
  }
  return expanded;
}

const MEMBER_SCOPES = [
  'event:read',
  'event:write',
  'event:admin',
  'project:releases',
  'project:read',
  'org:read',
  'member:invite',
  'member:read',
  'team:read',
  'alerts:read',
  'alerts:write',
];
const ADMIN_SCOPES = [
  ...MEMBER_SCOPES,
  'project:write',
  'project:admin',
  'team:write',
  'team:admin',
  'org:integrations',
];
const MANAGER_SCOPES = [
  ...ADMIN_SCOPES,
  'member:write',
  'member:admin',
  'org:write',
];

/** Scopes per org role (sentry-api.md §7); SaaS adds billing, which only has org:billing. */
export const ORG_ROLE_SCOPES: Record<OrgRole, readonly string[]> = {
  member: MEMBER_SCOPES,
  admin: ADMIN_SCOPES,
  manager: MANAGER_SCOPES,
  owner: ALL_SCOPES,
  billing: ['org:billing'],
};

const CONTRIBUTOR_SCOPES = [
  'event:read',
  'event:write',
  'project:releases',
  'project:read',
  'org:read',
  'member:read',
  'team:read',
  'alerts:read',
];

export const TEAM_ROLE_SCOPES: Record<TeamRole, readonly string[]> = {
  contributor: CONTRIBUTOR_SCOPES,
  // Team Admin: a contributor's scopes and more (sentry-api.md §7).
  admin: [
    ...CONTRIBUTOR_SCOPES,
    'event:admin',
    'project:write',
    'project:admin',
    'team:write',
    'team:admin',
    'org:integrations',
    'alerts:write',
  ],
};

/** Managers and owners act on every team and project without joining (is_global). */
export function isGlobalRole(role: OrgRole | undefined): boolean {
  return role === 'owner' || role === 'manager';
}

/** The minimum team role an org role grants (_make_minimum_team_role_map). */
export function minimumTeamRole(role: OrgRole | undefined): TeamRole {
  return role === 'admin' || role === 'manager' || role === 'owner'
    ? 'admin'
    : 'contributor';
}

/**
 * OrganizationMemberTeam.get_team_role (src/sentry/models/organizationmemberteam.py): the stored
 * team role counts only when the organization has the `organizations:team-roles` feature and
 * the role ranks above the org role's minimum; otherwise the minimum applies. A stored role
 * Sentry does not know grants nothing beyond the minimum.
 */
export function effectiveTeamRole(
  stored: string | null,
  orgRole: OrgRole | undefined,
  teamRolesFeature: boolean,
): TeamRole {
  if (minimumTeamRole(orgRole) === 'admin') return 'admin';
  return teamRolesFeature && stored === 'admin' ? 'admin' : 'contributor';
}

/** Team roles are a plan feature: the organization's `features` list says `team-roles`. */
export function hasTeamRolesFeature(features: readonly string[]): boolean {
  return features.includes('team-roles');
}

export const ROLE_NAMES: Record<OrgRole, string> = {
  member: 'Member',
  admin: 'Admin',
  manager: 'Manager',
  owner: 'Owner',
  billing: 'Billing',
};
