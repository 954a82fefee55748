import { isoToEpochMs } from '../../isoTime';
import type { OrganizationView } from '../organizationView';
import { CallerStanding } from './callerRelative';
import type { Caller } from '../auth';
import type { SampleStore } from '../sampleStore';
import {
  type HandlerResponse,
  keysetPageIndex,
  keysetPaginated,
  type OrganizationRequest,
  type PageIndexInput,
  type RequestContext,
} from './handlerContext';
import {
  detailedOrganizationKeys,
  serializeOrganizationBase,
} from './organizationSerializer';

/**
 * The organizations a caller is listed: a user token bound to a membership sees the organizations
 * its user belongs to; a user token without one (superuser-like) sees all; integration and org
 * tokens are not users and get [] (getsentry/sentry#49335). Newest first (-date_added).
 */
function visibleOrganizations(context: {
  caller: Caller;
  store: SampleStore;
}): OrganizationView[] {
  const { caller, store } = context;
  if (caller.kind !== 'user') return [];
  const visible =
    caller.token.memberId === undefined
      ? store.organizations
      : store.organizations.filter(
          view =>
            caller.userId !== undefined && view.memberByUserId(caller.userId),
        );
  return [...visible].sort(
    (a, b) =>
      isoToEpochMs(b.source.organization.dateCreated) -
      isoToEpochMs(a.source.organization.dateCreated),
  );
}

/** GET /organizations/: DateTimePaginator (cursor value = epoch ms of date_added). */
export function listOrganizations(context: RequestContext): HandlerResponse {
  const organizations = visibleOrganizations(context);
  return keysetPaginated(context, creationKeys(organizations), indices =>
    indices.map(index =>
      serializeOrganizationBase(organizations[index], context.baseUrl),
    ),
  );
}

function creationKeys(organizations: OrganizationView[]): number[] {
  return organizations.map(view =>
    isoToEpochMs(view.source.organization.dateCreated),
  );
}

/** The page a /organizations/ request asks for, for page-specific fault rules. */
export function organizationsPageIndex(
  context: PageIndexInput,
): number | undefined {
  const caller = context.caller;
  if (!caller) return undefined;
  const organizations = visibleOrganizations({ caller, store: context.store });
  return keysetPageIndex(context, creationKeys(organizations));
}

/**
 * GET /organizations/{org}/: the detailed serializer; without `detailed=0` it also carries
 * every team and project (which is why clients ask for detailed=0).
 */
export function organizationDetail(
  context: OrganizationRequest,
): HandlerResponse {
  const { view, access } = context;
  const body: Record<string, unknown> = {
    ...serializeOrganizationBase(view, context.baseUrl),
    ...detailedOrganizationKeys(view, access),
  };
  if (context.query.get('detailed') !== '0') {
    const standing = new CallerStanding(view, access);
    const teams = [];
    for (let index = 0; index < view.teams.count; index++)
      teams.push(standing.team(view.teams.get(index)));
    const projects = [];
    for (let index = 0; index < view.projects.count; index++) {
      projects.push(standing.project(view.projects.get(index)));
    }
    body.teams = teams;
    body.projects = projects;
  }
  return { status: 200, body };
}
