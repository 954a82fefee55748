import { ORG_ROLE_SCOPES, TEAM_ROLE_SCOPES } from '../scopes';

/** orgRoleList items as the org and member detail endpoints send them (spec example). */
export const ORG_ROLE_LIST = [
  orgRole(
    'member',
    'Member',
    'Members can view and act on events, as well as view most other data within the organization.',
    false,
    false,
    'contributor',
  ),
  orgRole(
    'admin',
    'Admin',
    'Admin privileges on any teams of which they are a member. (Retired.)',
    true,
    false,
    'admin',
  ),
  orgRole(
    'manager',
    'Manager',
    'Gains admin access on all teams as well as the ability to add and remove members.',
    false,
    true,
    'admin',
  ),
  orgRole(
    'owner',
    'Owner',
    'Unrestricted access to the organization, its data, and its settings.',
    false,
    true,
    'admin',
  ),
  orgRole(
    'billing',
    'Billing',
    'Can manage payment and compliance details.',
    false,
    false,
    'contributor',
  ),
];

function orgRole(
  id: keyof typeof ORG_ROLE_SCOPES,
  name: string,
  desc: string,
  isRetired: boolean,
  isGlobal: boolean,
  minimumTeamRole: string,
) {
  return {
    id,
    name,
    desc,
    scopes: [...ORG_ROLE_SCOPES[id]],
    allowed: true,
    isAllowed: true,
    isRetired,
    isTeamRolesAllowed: true,
    is_global: isGlobal,
    isGlobal,
    minimumTeamRole,
  };
}

/** teamRoleList items: `isMinimumRoleFor` replaces the global/minimum fields. */
export const TEAM_ROLE_LIST = [
  {
    id: 'contributor',
    name: 'Contributor',
    desc: "Contributors can view and act on events, as well as view most other data within the team's projects.",
    scopes: [...TEAM_ROLE_SCOPES.contributor],
    allowed: true,
    isAllowed: true,
    isRetired: false,
    isTeamRolesAllowed: true,
    isMinimumRoleFor: null,
  },
  {
    id: 'admin',
    name: 'Team Admin',
    desc: 'Admin privileges on the team as well as the ability to add and remove members.',
    scopes: [...TEAM_ROLE_SCOPES.admin],
    allowed: true,
    isAllowed: true,
    isRetired: false,
    isTeamRolesAllowed: true,
    isMinimumRoleFor: 'admin',
  },
];
