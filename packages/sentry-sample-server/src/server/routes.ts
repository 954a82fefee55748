import type {
  HandlerResponse,
  OrganizationRequest,
  PageIndexInput,
  RequestContext,
} from './handlers/handlerContext';
import { auditLogPageIndex, listAuditLog } from './handlers/auditLogs';
import { legacyRulesPageIndex, listLegacyRules } from './handlers/legacyRules';
import { listMembers, listTeamMembers, memberDetail } from './handlers/members';
import {
  listOrganizations,
  organizationDetail,
  organizationsPageIndex,
} from './handlers/organizations';
import { listReleases } from './handlers/releases';
import { listProjects, listTeams } from './handlers/teamsAndProjects';
import { detectorDetail, listDetectors } from './handlers/detectors';
import { projectDetail, releaseDetail, teamDetail } from './handlers/details';
import { listWorkflows } from './handlers/workflowEngine';
import { cursorFromQuery } from './pagination/cursor';
import { offsetPageIndex } from './pagination/offsetPaginator';
import type { ListingName } from './organizationView';

/** Accepted scopes per endpoint: any one is enough (sentry-api.md §1 table). */
const ORG_READ = ['org:read', 'org:write', 'org:admin'];
const MEMBER_READ = ['member:read', 'member:write', 'member:admin'];
const TEAM_READ = ['team:read', 'team:write', 'team:admin'];
const RELEASES_READ = [
  'project:read',
  'project:write',
  'project:admin',
  'project:releases',
  'org:ci',
];
const PROJECT_READ = ['project:read', 'project:write', 'project:admin'];
const LEGACY_RULES_READ = [
  'project:read',
  'project:write',
  'project:admin',
  'alerts:read',
  'alerts:write',
];
/** OrganizationAuditPermission: GET needs org:write (org:admin implies it). */
const AUDIT_LOG_READ = ['org:write', 'org:admin'];
const WORKFLOW_ENGINE_READ = [
  'org:read',
  'org:write',
  'org:admin',
  'alerts:read',
];

interface RouteBase {
  /** e.g. '/api/0/teams/{org}/{team}/members/' — also the stats key after the method. */
  template: string;
  scopes: readonly string[];
  /** For page-specific fault rules; the default reads the OffsetPaginator cursor. */
  pageIndex?: (input: PageIndexInput) => number | undefined;
  /** The organization listing the route pages through, for 'delete-row' faults. */
  listing?: ListingName;
}

export interface GlobalRoute extends RouteBase {
  organizationScoped: false;
  handle: (context: RequestContext) => HandlerResponse;
}

export interface OrganizationRoute extends RouteBase {
  organizationScoped: true;
  handle: (context: OrganizationRequest) => HandlerResponse;
  /** Absent on older self-hosted Sentry (SampleOrganization.workflowsApi === false). */
  workflowEngine?: boolean;
  /** The deprecated legacy rules endpoint: sends deprecation headers. */
  deprecatedLegacyRules?: boolean;
}

export type Route = GlobalRoute | OrganizationRoute;

export const ROUTES: readonly Route[] = [
  {
    template: '/api/0/organizations/',
    organizationScoped: false,
    scopes: ORG_READ,
    handle: listOrganizations,
    pageIndex: organizationsPageIndex,
  },
  {
    template: '/api/0/organizations/{org}/',
    organizationScoped: true,
    scopes: ORG_READ,
    handle: organizationDetail,
  },
  {
    template: '/api/0/organizations/{org}/members/',
    organizationScoped: true,
    scopes: MEMBER_READ,
    handle: listMembers,
    listing: 'members',
  },
  {
    template: '/api/0/organizations/{org}/members/{member}/',
    organizationScoped: true,
    scopes: MEMBER_READ,
    handle: memberDetail,
  },
  {
    template: '/api/0/organizations/{org}/teams/',
    organizationScoped: true,
    scopes: ORG_READ,
    handle: listTeams,
    listing: 'teams',
  },
  {
    template: '/api/0/teams/{org}/{team}/',
    organizationScoped: true,
    scopes: TEAM_READ,
    handle: teamDetail,
  },
  {
    template: '/api/0/teams/{org}/{team}/members/',
    organizationScoped: true,
    scopes: TEAM_READ,
    handle: listTeamMembers,
  },
  {
    template: '/api/0/organizations/{org}/projects/',
    organizationScoped: true,
    scopes: ORG_READ,
    handle: listProjects,
    listing: 'projects',
  },
  {
    template: '/api/0/organizations/{org}/releases/',
    organizationScoped: true,
    scopes: RELEASES_READ,
    handle: listReleases,
    listing: 'releases',
  },
  {
    template: '/api/0/organizations/{org}/releases/{version}/',
    organizationScoped: true,
    scopes: RELEASES_READ,
    handle: releaseDetail,
  },
  {
    template: '/api/0/projects/{org}/{project}/',
    organizationScoped: true,
    scopes: PROJECT_READ,
    handle: projectDetail,
  },
  {
    template: '/api/0/organizations/{org}/workflows/',
    organizationScoped: true,
    scopes: WORKFLOW_ENGINE_READ,
    handle: listWorkflows,
    workflowEngine: true,
    listing: 'workflows',
  },
  {
    template: '/api/0/organizations/{org}/detectors/',
    organizationScoped: true,
    scopes: WORKFLOW_ENGINE_READ,
    handle: listDetectors,
    workflowEngine: true,
    listing: 'detectors',
  },
  {
    template: '/api/0/organizations/{org}/detectors/{detector}/',
    organizationScoped: true,
    scopes: WORKFLOW_ENGINE_READ,
    handle: detectorDetail,
    workflowEngine: true,
  },
  {
    template: '/api/0/organizations/{org}/audit-logs/',
    organizationScoped: true,
    scopes: AUDIT_LOG_READ,
    handle: listAuditLog,
    pageIndex: auditLogPageIndex,
    listing: 'auditLog',
  },
  {
    template: '/api/0/projects/{org}/{project}/rules/',
    organizationScoped: true,
    scopes: LEGACY_RULES_READ,
    handle: listLegacyRules,
    pageIndex: legacyRulesPageIndex,
    deprecatedLegacyRules: true,
  },
];

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

const COMPILED: readonly CompiledRoute[] = ROUTES.map(route => {
  const names: string[] = [];
  const source = route.template
    .split(/(\{[a-z]+\})/)
    .map(part => {
      const name = /^\{([a-z]+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { route, pattern: new RegExp(`^${source}$`), names };
});

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Sentry's URL patterns end in "/": a path without it does not match (404). */
export function matchRoute(pathname: string): RouteMatch | undefined {
  for (const { route, pattern, names } of COMPILED) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    try {
      names.forEach(
        (name, index) => (params[name] = decodeURIComponent(match[index + 1])),
      );
    } catch {
      return undefined; // malformed percent-encoding resolves to no route
    }
    return { route, params };
  }
  return undefined;
}

export function pageIndexOf(
  route: Route,
  input: PageIndexInput,
): number | undefined {
  try {
    return route.pageIndex
      ? route.pageIndex(input)
      : offsetPageIndex(cursorFromQuery(input.query));
  } catch {
    return undefined; // a request that will be rejected (bad cursor, unknown project) has no page
  }
}
