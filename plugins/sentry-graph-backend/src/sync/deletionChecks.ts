import { releaseNode, teamNode, userNode, projectNode } from '../graph/schema';
import {
  apiPath,
  SentryMemberSchema,
  SentryProjectSchema,
  SentryReleaseSchema,
  SentryTeamSchema,
} from '../sentry';
import { confirmDeletions, type DeletionCheck } from './confirmDeletions';
import type { OrganizationContext } from './context';
import type { KindTally } from './KindTally';
import { writeProjects } from './kinds/projects';
import { writeReleases } from './kinds/releases';

/**
 * Asks Sentry about the kind's stale nodes before its cleanup
 * (confirmDeletions.ts): teams, members, projects and releases are listed
 * with offset pagination. Each returns the ids of the nodes Sentry still
 * has; for teams and members, their memberships were not listed this run
 * and must be kept.
 */
export const confirmDeletionsOf = {
  teams: (context: OrganizationContext, tally: KindTally) =>
    checkKind(context, {
      tally,
      label: teamNode.label,
      key: 'id',
      endpoint: 'team',
      schema: SentryTeamSchema,
      detailPath: id => apiPath`teams/${context.organization.slug}/${id}/`,
      refresh: items =>
        context.store.mergeNodes(teamNode, items, context.scope),
    }),
  members: (context: OrganizationContext, tally: KindTally) =>
    checkKind(context, {
      tally,
      label: userNode.label,
      key: 'id',
      endpoint: 'member',
      schema: SentryMemberSchema,
      detailPath: id =>
        apiPath`organizations/${context.organization.slug}/members/${id}/`,
      refresh: items =>
        context.store.mergeNodes(userNode, items, context.scope),
    }),
  projects: (context: OrganizationContext, tally: KindTally) =>
    checkKind(context, {
      tally,
      label: projectNode.label,
      key: 'id',
      endpoint: 'project',
      schema: SentryProjectSchema,
      detailPath: id => apiPath`projects/${context.organization.slug}/${id}/`,
      refresh: items => writeProjects(context, items),
    }),
  releases: (context: OrganizationContext, tally: KindTally) =>
    checkKind(context, {
      tally,
      label: releaseNode.label,
      key: 'version',
      endpoint: 'release',
      schema: SentryReleaseSchema,
      // Sentry's release routes take no "/" in a version (constants.py
      // BAD_RELEASE_CHARS); an old one that has it cannot be asked about.
      detailPath: version =>
        /[/\\]/.test(version)
          ? undefined
          : apiPath`organizations/${context.organization.slug}/releases/${version}/`,
      refresh: items => writeReleases(context, items),
    }),
};

async function checkKind<T>(
  context: OrganizationContext,
  check: DeletionCheck<T>,
): Promise<string[]> {
  try {
    return await confirmDeletions(context, check);
  } catch (error) {
    // A check that broke off proves nothing: delete nothing of the kind.
    check.tally.fail(error, 'checking deletions with Sentry');
    return [];
  }
}
