import type { Entity } from '@backstage/catalog-model';

/** The annotation the card reads (the community Sentry plugin's). */
export const SENTRY_PROJECT_ANNOTATION = 'sentry.io/project-slug';

/**
 * Whether an entity names a Sentry project: where EntitySentryGraphCard
 * belongs (an EntitySwitch condition in the legacy system, the card's
 * filter in the new one).
 *
 * @public
 */
export function isSentryProjectAnnotated(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[SENTRY_PROJECT_ANNOTATION]);
}
