import { ApiError } from '../apiError';
import { cursorFromQuery, perPageFromQuery } from '../pagination/cursor';
import { keysetPageDescending } from '../pagination/keysetPaginator';
import { linkHeader } from '../pagination/linkHeader';
import type { LegacyRuleJson } from '../../types/alertJson';
import type { OrganizationView } from '../organizationView';
import type {
  HandlerResponse,
  OrganizationRequest,
  PageIndexInput,
} from './handlerContext';

/** Deprecation headers of the legacy rules endpoint on SaaS (sentry-workflows.md §5). */
export const LEGACY_RULES_DEPRECATION_DATE = '2026-05-14T00:00:00+00:00';

export function legacyRulesDeprecationHeaders(
  organizationParam: string,
): Record<string, string> {
  return {
    'X-Sentry-Deprecation-Date': LEGACY_RULES_DEPRECATION_DATE,
    'X-Sentry-Replacement-Endpoint': `/api/0/organizations/${organizationParam}/workflows/`,
  };
}

/**
 * The rules the listing shows: active ones only (project_rules.py GET filters
 * `status=ObjectStatus.ACTIVE`), ordered by -id.
 */
function rulesOfProject(view: OrganizationView, projectParam: string) {
  const projectIndex = view.projectIndex(projectParam);
  if (projectIndex === undefined) throw ApiError.notFound();
  const rules = view
    .legacyRulesOf(view.projects.get(projectIndex).slug)
    .filter(rule => rule.status === 'active');
  return { rules, keys: rules.map(rule => Number(rule.id)) };
}

const LEGACY_DEFAULT_FREQUENCY = 30;

/** The rule serializer sends `frequency or Rule.DEFAULT_FREQUENCY`: 30 minutes when none (or 0) is stored. */
function serializeRule(rule: LegacyRuleJson): LegacyRuleJson {
  return { ...rule, frequency: rule.frequency || LEGACY_DEFAULT_FREQUENCY };
}

/**
 * GET /projects/{org}/{project}/rules/: the keyset Paginator ordered by -id (the cursor value is
 * an id bound). Only `cursor` and `per_page` are read.
 */
export function listLegacyRules(context: OrganizationRequest): HandlerResponse {
  const limit = perPageFromQuery(context.query, context.perPageDefault);
  const cursor = cursorFromQuery(context.query);
  const { rules, keys } = rulesOfProject(context.view, context.params.project);
  const page = keysetPageDescending(keys, cursor, limit);
  return {
    status: 200,
    body: page.indices.map(index => serializeRule(rules[index])),
    headers: {
      Link: linkHeader(
        context.baseUrl,
        context.pathname,
        context.query,
        page.prev,
        page.next,
      ),
    },
  };
}

/** The page a rules request asks for (position of its first row / page size), for fault rules. */
export function legacyRulesPageIndex(
  input: PageIndexInput,
): number | undefined {
  const view = input.store.organization(input.params.org);
  if (!view) return undefined;
  const limit = perPageFromQuery(input.query, input.perPageDefault);
  const { keys } = rulesOfProject(view, input.params.project);
  const first = keysetPageDescending(keys, cursorFromQuery(input.query), limit)
    .indices[0];
  return first === undefined ? 0 : Math.floor(first / limit);
}
