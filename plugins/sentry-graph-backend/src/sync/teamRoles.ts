/*
 * Team roles as Sentry computes them (OrganizationMemberTeam.get_team_role,
 * src/sentry/models/organizationmemberteam.py): a membership's stored team
 * role is often null, meaning "derived from the org role"; a stored role
 * counts only when the organization has the `organizations:team-roles`
 * feature (a plan feature), and then the effective role is the higher of
 * the stored one and the org role's minimum team role.
 */
import type { SentryOrganization } from '../sentry';

export type TeamRole = 'contributor' | 'admin';

const TEAM_ROLE_RANK: Record<TeamRole, number> = { contributor: 0, admin: 1 };

/** `admin` is retired but still present on old memberships. */
const MINIMUM_TEAM_ROLE: Readonly<Record<string, TeamRole>> = {
  member: 'contributor',
  billing: 'contributor',
  admin: 'admin',
  manager: 'admin',
  owner: 'admin',
};

/** Org roles with access to every team without joining it (`is_global`). */
const GLOBAL_ORG_ROLES: ReadonlySet<string> = new Set(['owner', 'manager']);

interface HasOrgRole {
  orgRole?: string | null;
  role?: string | null;
}

/** `orgRole`, falling back to the deprecated `role` that older Sentry sends. */
export function orgRoleOf(member: HasOrgRole): string | undefined {
  return member.orgRole ?? member.role ?? undefined;
}

/** The team role an org role grants on every team it joins, at least. */
export function minimumTeamRole(orgRole: string | undefined): TeamRole {
  // An org role we do not know (a future or custom one) grants no more than the default.
  return (orgRole && MINIMUM_TEAM_ROLE[orgRole]) || 'contributor';
}

export function effectiveTeamRole(
  orgRole: string | undefined,
  storedTeamRole: string | null | undefined,
  teamRolesFeature: boolean,
): TeamRole {
  const minimum = minimumTeamRole(orgRole);
  // An unknown stored role counts as the lowest, contributor.
  const stored =
    teamRolesFeature && isKnownTeamRole(storedTeamRole)
      ? storedTeamRole
      : 'contributor';
  return TEAM_ROLE_RANK[stored] > TEAM_ROLE_RANK[minimum] ? stored : minimum;
}

/** The team roles Sentry defines; anything else stored is unknown to us. */
export function isKnownTeamRole(
  role: string | null | undefined,
): role is TeamRole {
  return role === 'admin' || role === 'contributor';
}

/** Sentry lists the feature without its `organizations:` prefix. */
export function hasTeamRolesFeature(
  organization: Pick<SentryOrganization, 'features'>,
): boolean {
  return organization.features.includes('team-roles');
}

/**
 * Owners and managers act as Team Admin on every team. A pending invite is
 * not a member yet and can act on nothing.
 */
export function isGlobalTeamAdmin(
  member: HasOrgRole & { pending?: boolean | null },
): boolean {
  if (member.pending) return false;
  const role = orgRoleOf(member);
  return role !== undefined && GLOBAL_ORG_ROLES.has(role);
}
