/*
 * Links into Sentry's web UI for what the summary lists, so the card can
 * send a person straight to the member, team, project or rule to fix. The
 * paths are those Sentry's own frontend routes to (sentry.io and self-hosted
 * alike; sentry.io redirects /organizations/{org}/… to the organization's
 * own domain): settings pages for members, teams and projects, the
 * workflow engine's alert page (static/app/views/automations/pathnames.tsx,
 * `/organizations/{org}/monitors/alerts/{id}/`) for workflow rules, and the
 * legacy rule details page for rules read from the deprecated rules API.
 */
export type LinkedLabel =
  'SentryUser' | 'SentryTeam' | 'SentryProject' | 'SentryAlertRule';

/** What a link is built from: a node's id and slugs, as the summary reads them. */
export interface LinkTarget {
  id: string;
  slug?: string;
  /** Alert rules: the project the rule is listed under. */
  projectSlug?: string;
  /** Alert rules: `rule` when read from the legacy rules API, else a workflow. */
  source?: string;
}

/** One URL path segment: a slug or version cannot escape its place. */
const seg = (value: string) => encodeURIComponent(value);

export class SentryLinks {
  /** @param webUrl Sentry's web UI, without a trailing slash. */
  constructor(private readonly webUrl: string) {}

  organization(org: string): string {
    return `${this.webUrl}/organizations/${seg(org)}/`;
  }

  release(org: string, version: string): string {
    return `${this.organization(org)}releases/${seg(version)}/`;
  }

  /** The node's page, or undefined when a slug it needs is missing. */
  node(
    org: string,
    label: LinkedLabel,
    target: LinkTarget,
  ): string | undefined {
    const settings = `${this.webUrl}/settings/${seg(org)}`;
    switch (label) {
      case 'SentryUser':
        return `${settings}/members/${seg(target.id)}/`;
      case 'SentryTeam':
        return target.slug && `${settings}/teams/${seg(target.slug)}/`;
      case 'SentryProject':
        return target.slug && `${settings}/projects/${seg(target.slug)}/`;
      case 'SentryAlertRule':
        if (target.source === 'rule') {
          return (
            target.projectSlug &&
            `${this.organization(org)}alerts/rules/${seg(target.projectSlug)}/${seg(target.id)}/details/`
          );
        }
        return `${this.organization(org)}monitors/alerts/${seg(target.id)}/`;
      default:
        return undefined;
    }
  }
}
