import type { TeamJson } from '../../types/sentryJson';
import { CallerStanding } from './callerRelative';
import {
  type HandlerResponse,
  offsetPaginated,
  type OrganizationRequest,
} from './handlerContext';

/**
 * GET /organizations/{org}/teams/: OffsetPaginator by slug. Caller-relative keys are recomputed;
 * `projects` (ProjectSerializer items) and `externalTeams` are added unless `detailed=0`.
 */
export function listTeams(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const standing = new CallerStanding(view, context.access);
  const detailed = context.query.get('detailed') !== '0';
  return offsetPaginated(context, view.teams, (team): TeamJson => {
    const relative = standing.team(team);
    if (!detailed) {
      const {
        projects: _projects,
        externalTeams: _externalTeams,
        ...summary
      } = relative;
      return summary;
    }
    const projects = view
      .projectIndicesOfTeam(team.slug)
      .map(index => standing.teamProject(view.projects.get(index)));
    return {
      ...relative,
      projects,
      externalTeams: relative.externalTeams ?? [],
    };
  });
}

/**
 * GET /organizations/{org}/projects/: OffsetPaginator by slug (bookmarks would come first for
 * user tokens; sample projects are never bookmarked). isMember/hasAccess are the caller's.
 * `query` filters and `all_projects=1` are not implemented.
 */
export function listProjects(context: OrganizationRequest): HandlerResponse {
  const standing = new CallerStanding(context.view, context.access);
  return offsetPaginated(context, context.view.projects, project =>
    standing.project(project),
  );
}
