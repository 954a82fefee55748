import {
  adminOfRelationship,
  alertRuleNode,
  hasReleaseRelationship,
  hasRuleRelationship,
  hasTeamRelationship,
  memberOfRelationship,
  projectNode,
  releaseNode,
  teamNode,
  userNode,
} from '../graph/schema';
import { cleanupKind, type CleanupTarget } from './cleanup';
import type { OrganizationContext } from './context';
import { confirmDeletionsOf } from './deletionChecks';
import { describeError } from './describeError';
import type { KindTally } from './KindTally';
import { alertRuleSourceOf } from './kinds/alertRules';

/** Each kind's tally, once its listing and writes have ended. */
export interface KindsDone {
  teams: Promise<KindTally>;
  members: Promise<KindTally>;
  memberships: Promise<KindTally>;
  projects: Promise<KindTally>;
  releases: Promise<KindTally>;
  alertRules: Promise<KindTally>;
}

/**
 * Confirms and cleans up each kind of one organization as soon as its own
 * listing, and those its cleanup relies on, have ended, while the longer
 * listings go on: what is left after the last listing is its kind's cleanup
 * alone. Within a kind, relationships go before nodes; team and member
 * nodes go after the membership and HAS_TEAM edges that reach them were
 * judged on their own (deleting a node removes its edges unjudged).
 */
export async function cleanUpAsKindsEnd(
  context: OrganizationContext,
  kinds: KindsDone,
): Promise<void> {
  const membershipsCleaned = Promise.all([
    kinds.teams,
    kinds.members,
    kinds.memberships,
  ]).then(async ([teams, members, memberships]) => {
    const stillInSentry = [
      ...(await confirmDeletionsOf.teams(context, teams)),
      ...(await confirmDeletionsOf.members(context, members)),
    ];
    // Teams and members a listing skipped, or sent in a shape we could not
    // read: their memberships were not listed (nor owners' and managers'
    // ADMIN_OF to every team written), so they are kept as they are.
    memberships.protect([
      ...stillInSentry,
      ...teams.protectedIds,
      ...members.protectedIds,
    ]);
    // Owner and manager ADMIN_OF edges rely on the whole team and member lists.
    await cleanUp(
      context,
      memberships,
      { relationships: [memberOfRelationship, adminOfRelationship] },
      [teams, members],
    );
  });
  const projectsCleaned = kinds.projects.then(async projects => {
    await confirmDeletionsOf.projects(context, projects);
    await cleanUp(context, projects, {
      nodeLabel: projectNode.label,
      relationships: [hasTeamRelationship],
    });
  });
  const releasesCleaned = kinds.releases.then(async releases => {
    await confirmDeletionsOf.releases(context, releases);
    await cleanUp(context, releases, {
      nodeLabel: releaseNode.label,
      relationships: [hasReleaseRelationship],
    });
  });
  const alertRulesCleaned = kinds.alertRules.then(alertRules =>
    cleanUp(context, alertRules, {
      nodeLabel: alertRuleNode.label,
      relationships: [hasRuleRelationship],
      source: alertRuleSourceOf(alertRules),
    }),
  );
  const teamsCleaned = Promise.all([
    kinds.teams,
    membershipsCleaned,
    projectsCleaned,
  ]).then(([teams]) =>
    cleanUp(context, teams, { nodeLabel: teamNode.label, relationships: [] }),
  );
  const membersCleaned = Promise.all([kinds.members, membershipsCleaned]).then(
    ([members]) =>
      cleanUp(context, members, {
        nodeLabel: userNode.label,
        relationships: [],
      }),
  );
  await Promise.all([
    membershipsCleaned,
    projectsCleaned,
    releasesCleaned,
    alertRulesCleaned,
    teamsCleaned,
    membersCleaned,
  ]);
}

/** A kind's cleanup; a failure keeps the kind and says why. */
async function cleanUp(
  context: OrganizationContext,
  tally: KindTally,
  target: CleanupTarget,
  dependsOn: KindTally[] = [],
): Promise<void> {
  try {
    await cleanupKind(context, tally, target, dependsOn);
  } catch (error) {
    tally.keep({
      what: target.nodeLabel ?? tally.kind,
      reason: `cleanup failed: ${describeError(error)}`,
    });
  }
}
