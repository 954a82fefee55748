/*
 * The annotations that tie catalog entities to Sentry. `sentry.io/project-slug`
 * is the one the community Sentry plugin (@backstage-community/plugin-sentry)
 * already reads, so entities annotated for it are joined without a change.
 */
export const SENTRY_PROJECT_ANNOTATION = 'sentry.io/project-slug';
export const SENTRY_TEAM_ANNOTATION = 'sentry.io/team-slug';

// Sentry slugs: lowercase letters, digits, '-' and '_'.
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

export interface ProjectAnnotation {
  /** Given as `organization/project`; else any synced organization's project of that slug. */
  organizationSlug?: string;
  projectSlug: string;
}

/**
 * `project` or `organization/project`, as the community plugin accepts it;
 * undefined for anything else (reported as an annotation that points
 * nowhere).
 */
export function parseProjectAnnotation(
  value: string | undefined,
): ProjectAnnotation | undefined {
  const parts = value?.trim().split('/');
  if (!parts || parts.length > 2 || !parts.every(part => SLUG.test(part)))
    return undefined;
  return parts.length === 2
    ? { organizationSlug: parts[0], projectSlug: parts[1] }
    : { projectSlug: parts[0] };
}

/** A team slug, or undefined when the value is not one. */
export function parseTeamAnnotation(
  value: string | undefined,
): string | undefined {
  const slug = value?.trim();
  return slug && SLUG.test(slug) ? slug : undefined;
}
