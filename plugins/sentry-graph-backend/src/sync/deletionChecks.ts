import { releaseNode, teamNode, userNode, projectNode } from '../graph/schema';
import type { NodeSpec } from '../graph/spec';
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
    checkNodesById(context, tally, teamNode, {
      endpoint: 'team',
      schema: SentryTeamSchema,
      detailPath: id => apiPath`teams/${context.organization.slug}/${id}/`,
    }),
  members: (context: OrganizationContext, tally: KindTally) =>
    checkNodesById(context, tally, userNode, {
      endpoint: 'member',
      schema: SentryMemberSchema,
      detailPath: id =>
        apiPath`organizations/${context.organization.slug}/members/${id}/`,
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

/** A kind whose detail answer is written back as its node alone, asked by id. */
function checkNodesById<T>(
  context: OrganizationContext,
  tally: KindTally,
  node: NodeSpec<T>,
  check: Pick<DeletionCheck<T>, 'endpoint' | 'schema' | 'detailPath'>,
): Promise<string[]> {
  return checkKind(context, {
    ...check,
    tally,
    label: node.label,
    key: 'id',
    refresh: items => context.store.mergeNodes(node, items, context.scope),
  });
}

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
