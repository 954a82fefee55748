/*
 * Team roles as Sentry computes them (sentry-api.md §7): a membership's
 * stored team role is often null, meaning "derived from the org role", and
 * the effective role is the higher of the stored one and the org role's
 * minimum team role.
 */
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

export function effectiveTeamRole(
  orgRole: string | undefined,
  storedTeamRole: string | null | undefined,
): TeamRole {
  // An org role we do not know (a future or custom one) grants no more than the default.
  const minimum = (orgRole && MINIMUM_TEAM_ROLE[orgRole]) || 'contributor';
  const stored =
    storedTeamRole === 'admin' || storedTeamRole === 'contributor'
      ? storedTeamRole
      : undefined;
  if (stored && TEAM_ROLE_RANK[stored] > TEAM_ROLE_RANK[minimum]) return stored;
  return minimum;
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
