import type { MemberJson, TeamMemberJson } from '../../types/sentryJson';
import { ApiError } from '../apiError';
import {
  type HandlerResponse,
  offsetPaginated,
  type OrganizationRequest,
} from './handlerContext';
import { ORG_ROLE_LIST, TEAM_ROLE_LIST } from './roleLists';

/**
 * GET /organizations/{org}/members/: OffsetPaginator ordered by id. The list carries no teams;
 * `query` filters are not implemented by the sample server (the whole listing is served).
 */
export function listMembers(context: OrganizationRequest): HandlerResponse {
  return offsetPaginated(context, context.view.members, member => member);
}

/**
 * GET /organizations/{org}/members/{member_id}/ ("me" = the caller): the list item plus the
 * deprecated `teams`, `teamRoles` (raw stored roles) and the role lists.
 */
export function memberDetail(context: OrganizationRequest): HandlerResponse {
  const { view, access } = context;
  const requested = context.params.member;
  let member: MemberJson | undefined;
  if (requested === 'me') member = access.member;
  else if (/^\d+$/.test(requested)) member = view.memberById(requested);
  if (!member) throw ApiError.notFound();

  const teams = view.teamsOfMember(member.id);
  const role = member.orgRole ?? member.role;
  let owners = 0;
  if (role === 'owner') {
    for (let index = 0; index < view.members.count && owners < 2; index++) {
      const candidate = view.members.get(index);
      if (
        (candidate.orgRole ?? candidate.role) === 'owner' &&
        !candidate.pending
      )
        owners++;
    }
  }
  return {
    status: 200,
    body: {
      ...member,
      teams: teams.map(team => team.teamSlug),
      teamRoles: teams.map(team => ({
        teamSlug: team.teamSlug,
        role: team.teamRole,
      })),
      invite_link: null,
      isOnlyOwner: role === 'owner' && owners === 1,
      orgRoleList: ORG_ROLE_LIST,
      teamRoleList: TEAM_ROLE_LIST,
    },
  };
}

/**
 * GET /teams/{org}/{team}/members/: OffsetPaginator ordered by (email, id), pending invites
 * excluded; each item is the member plus the raw stored `teamRole` and the `teamSlug`.
 */
export function listTeamMembers(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const teamIndex = view.teamIndex(context.params.team);
  if (teamIndex === undefined) throw ApiError.notFound();
  const team = view.teams.get(teamIndex);
  return offsetPaginated(
    context,
    view.sortedMembersOf(team.slug),
    ({ member, teamRole }): TeamMemberJson => ({
      ...member,
      teamRole,
      teamSlug: team.slug,
    }),
  );
}
