import { ApiError } from '../apiError';
import type { LegacyRuleJson } from '../../types/alertJson';
import type { OrganizationView } from '../organizationView';
import {
  type HandlerResponse,
  keysetPageIndex,
  keysetPaginated,
  type OrganizationRequest,
  type PageIndexInput,
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
  const { rules, keys } = rulesOfProject(context.view, context.params.project);
  return keysetPaginated(context, keys, indices =>
    indices.map(index => serializeRule(rules[index])),
  );
}

/** The page a rules request asks for (position of its first row / page size), for fault rules. */
export function legacyRulesPageIndex(
  input: PageIndexInput,
): number | undefined {
  const view = input.store.organization(input.params.org);
  if (!view) return undefined;
  return keysetPageIndex(
    input,
    rulesOfProject(view, input.params.project).keys,
  );
}
