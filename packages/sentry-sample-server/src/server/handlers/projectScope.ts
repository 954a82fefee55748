import type { Listing } from '../../collection';
import { ApiError } from '../apiError';
import type { OrganizationAccess } from '../auth';
import { isGlobalRole } from '../scopes';
import type { OrganizationView } from '../organizationView';
import type { OrganizationRequest } from './handlerContext';
import { viewCache } from './viewCache';

/** Project ids a listing is restricted to, or 'all'. */
export type ProjectScope =
  | { kind: 'all' }
  | {
      kind: 'projects';
      ids: Set<string>;
      explicit: boolean;
      /** identifies the set for caching */ key: string;
    };

/**
 * The `project` query parameter as Sentry's get_projects reads it (src/sentry/api/bases/organization.py
 * `_get_projects_by_id`): ids or slugs (repeatable); `-1` = every project the caller can access;
 * a requested project that is unknown or not accessible is a 403. Without the parameter, releases
 * and detectors fall back to the projects the caller is a team member of — for a membership-bound
 * user token a subset (clients should pass project=-1); workflows always filter to the accessible
 * projects (organization_workflow_index.py `filter_workflows`, include_all_accessible=True).
 */
export function projectScopeOf(
  context: OrganizationRequest,
  fallback: 'member-projects' | 'accessible',
): ProjectScope {
  const { view, access } = context;
  const requested = [
    ...context.query.getAll('project'),
    ...context.query.getAll('projectSlug'),
  ].filter(Boolean);
  const accessible = accessibleProjectIds(view, access);
  if (
    requested.includes('-1') ||
    (requested.length === 0 && fallback === 'accessible')
  ) {
    return accessible === 'all'
      ? { kind: 'all' }
      : {
          kind: 'projects',
          ids: accessible,
          explicit: false,
          key: `accessible:${access.member?.id}`,
        };
  }
  if (requested.length > 0) {
    const ids = new Set<string>();
    for (const key of requested) {
      const index = view.projectIndex(key);
      if (index === undefined) throw ApiError.forbidden();
      const id = view.projects.get(index).id;
      if (accessible !== 'all' && !accessible.has(id))
        throw ApiError.forbidden();
      ids.add(id);
    }
    return {
      kind: 'projects',
      ids,
      explicit: true,
      key: `explicit:${[...ids].sort().join(',')}`,
    };
  }
  if (!access.member) return { kind: 'all' };
  return {
    kind: 'projects',
    ids: memberProjectIds(view, access.member.id),
    explicit: false,
    key: `member:${access.member.id}`,
  };
}

/**
 * Access.has_project_access: a member reaches the projects of the teams they joined, and every
 * project when their org role is global (owner, manager) or the organization has open
 * membership. Tokens without a membership — a superuser-like user token, an internal
 * integration (global access) — reach every project.
 */
export function accessibleProjectIds(
  view: OrganizationView,
  access: OrganizationAccess,
): 'all' | Set<string> {
  const member = access.member;
  if (
    !member ||
    isGlobalRole(access.orgRole) ||
    (view.source.organization.openMembership ?? true)
  )
    return 'all';
  return memberProjectIds(view, member.id);
}

const memberProjects = new WeakMap<
  OrganizationView,
  Map<string, Set<string>>
>();

/** Ids of the projects owned by a team the member joined (cached: it scans every project). */
function memberProjectIds(
  view: OrganizationView,
  memberId: string,
): Set<string> {
  let byMember = memberProjects.get(view);
  if (!byMember) {
    byMember = new Map();
    memberProjects.set(view, byMember);
  }
  let ids = byMember.get(memberId);
  if (!ids) {
    ids = new Set();
    for (const { teamSlug } of view.teamsOfMember(memberId)) {
      for (const index of view.projectIndicesOfTeam(teamSlug))
        ids.add(view.projects.get(index).id);
    }
    byMember.set(memberId, ids);
  }
  return ids;
}

const cachedIndices = viewCache<number[]>(16);

/**
 * A listing restricted to the items `keep` accepts. Filtering a lazy listing means one scan of
 * it; the matching indices (not the items) are cached per organization, a few filters at a time.
 */
export function filteredListing<T>(
  view: OrganizationView,
  cacheKey: string,
  listing: Listing<T>,
  keep: (item: T) => boolean,
): Listing<T> {
  const kept = cachedIndices(view, cacheKey, () => {
    const indices: number[] = [];
    for (let index = 0; index < listing.count; index++) {
      if (keep(listing.get(index))) indices.push(index);
    }
    return indices;
  });
  return { count: kept.length, get: index => listing.get(kept[index]) };
}

export function scopeCacheKey(kind: string, scope: ProjectScope): string {
  return scope.kind === 'all' ? `${kind}:all` : `${kind}:${scope.key}`;
}
