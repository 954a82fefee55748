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

/** The kinds Sentry lists with offset pagination, each with its detail endpoint. */
export interface OffsetListedKinds {
  teams: KindTally;
  members: KindTally;
  projects: KindTally;
  releases: KindTally;
}

/**
 * Asks Sentry about the stale teams, members, projects and releases before
 * cleanup (confirmDeletions.ts). Returns the ids of the teams and members it
 * still has: their memberships were not listed this run, and must be kept.
 */
export async function confirmOffsetListedDeletions(
  context: OrganizationContext,
  kinds: OffsetListedKinds,
): Promise<string[]> {
  const org = context.organization.slug;
  const { store, scope } = context;
  const teams = await checkKind(context, {
    tally: kinds.teams,
    label: teamNode.label,
    key: 'id',
    endpoint: 'team',
    schema: SentryTeamSchema,
    detailPath: id => apiPath`teams/${org}/${id}/`,
    refresh: items => store.mergeNodes(teamNode, items, scope),
  });
  const members = await checkKind(context, {
    tally: kinds.members,
    label: userNode.label,
    key: 'id',
    endpoint: 'member',
    schema: SentryMemberSchema,
    detailPath: id => apiPath`organizations/${org}/members/${id}/`,
    refresh: items => store.mergeNodes(userNode, items, scope),
  });
  await checkKind(context, {
    tally: kinds.projects,
    label: projectNode.label,
    key: 'id',
    endpoint: 'project',
    schema: SentryProjectSchema,
    detailPath: id => apiPath`projects/${org}/${id}/`,
    refresh: items => writeProjects(context, items),
  });
  await checkKind(context, {
    tally: kinds.releases,
    label: releaseNode.label,
    key: 'version',
    endpoint: 'release',
    schema: SentryReleaseSchema,
    // Sentry's release routes take no "/" in a version (constants.py
    // BAD_RELEASE_CHARS); an old one that has it cannot be asked about.
    detailPath: version =>
      /[/\\]/.test(version)
        ? undefined
        : apiPath`organizations/${org}/releases/${version}/`,
    refresh: items => writeReleases(context, items),
  });
  return [...teams, ...members];
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
