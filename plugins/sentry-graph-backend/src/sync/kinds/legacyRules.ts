import { apiPath, SentryLegacyRuleSchema } from '../../sentry';
import { listingConcurrencyOf, type OrganizationContext } from '../context';
import { forEachConcurrently } from '../forEachConcurrently';
import type { KindTally } from '../KindTally';
import { fromLegacyRule } from './alertRuleRecords';
import type { RuleWriter } from './alertRuleWriter';

/**
 * Issue alert rules from the deprecated per-project rules API, one listing
 * per project of the organization. Sentry lists active rules only
 * (src/sentry/api/endpoints/project_rules.py GET).
 */
export async function syncFromLegacyRules(
  context: OrganizationContext,
  tally: KindTally,
  writer: RuleWriter,
  projectSlugs: ReadonlyMap<string, string>,
): Promise<void> {
  await forEachConcurrently(
    [...projectSlugs],
    listingConcurrencyOf(context, 'legacy-rules'),
    async ([projectId, slug]) => {
      if (context.signal?.aborted) return;
      try {
        await tally.consume(
          {
            path: apiPath`projects/${context.organization.slug}/${slug}/rules/`,
            endpoint: 'legacy-rules',
            itemSchema: SentryLegacyRuleSchema,
          },
          rules =>
            writer.add(
              rules.map(rule => ({
                record: fromLegacyRule(rule, slug),
                projectIds: [projectId],
              })),
            ),
        );
      } catch (error) {
        tally.fail(error, `rules of project ${slug}`);
      }
    },
  );
}
