import { ApiError } from '../apiError';
import { CallerStanding } from './callerRelative';
import {
  type HandlerResponse,
  ok,
  type OrganizationRequest,
} from './handlerContext';
import { accessibleProjectIds } from './projectScope';

/*
 * Detail endpoints of the listings' items, which a client uses to tell a
 * row that vanished from a listing from one that is really gone: 404 when
 * the item does not exist (any more).
 */

/**
 * GET /teams/{org}/{team}/ (team_details.py): the team by slug or id,
 * caller-relative keys included.
 */
export function teamDetail(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const index = view.teamIndex(context.params.team);
  if (index === undefined) throw ApiError.notFound();
  return ok(
    new CallerStanding(view, context.access).team(view.teams.get(index)),
  );
}

/**
 * GET /projects/{org}/{project}/ (project_details.py): the project by slug or
 * id, with its teams; 403 for a project the caller cannot access.
 */
export function projectDetail(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const index = view.projectIndex(context.params.project);
  if (index === undefined) throw ApiError.notFound();
  const project = view.projects.get(index);
  const accessible = accessibleProjectIds(view, context.access);
  if (accessible !== 'all' && !accessible.has(project.id))
    throw ApiError.forbidden();
  return ok(new CallerStanding(view, context.access).project(project));
}

/**
 * GET /organizations/{org}/releases/{version}/ (organization_release_details.py):
 * the release by version whatever its status; 404 also when the caller can
 * access none of its projects (`has_release_permission`).
 */
export function releaseDetail(context: OrganizationRequest): HandlerResponse {
  const { view } = context;
  const release = view.releaseByVersion(context.params.version);
  if (!release) throw ApiError.notFound();
  const accessible = accessibleProjectIds(view, context.access);
  const projects = Array.isArray(release.projects) ? release.projects : [];
  if (
    accessible !== 'all' &&
    !projects.some(project => accessible.has(String(project.id)))
  )
    throw ApiError.notFound();
  return ok(release);
}
