import { parseDateTimeMs } from '../server/dateRange';
import { SampleStore } from '../server/sampleStore';
import type {
  ChangeBatch,
  ChangeSummary,
  SampleChange,
} from '../types/sampleChange';
import type { SampleData } from '../types/sampleData';
import {
  changeLegacyRule,
  changeWorkflow,
  removeWorkflow,
} from './alertChanges';
import type { ChangeContext } from './audit';
import {
  acceptInvite,
  addTeamMember,
  changeMemberRole,
  changeMemberTwoFactor,
  changeTeamRole,
  inviteMember,
  removeMember,
  removeTeamMember,
} from './memberChanges';
import {
  type Actor,
  OrganizationDraft,
  SampleChangeError,
} from './organizationDraft';
import { addProject, removeProject, removeProjectTeam } from './projectChanges';
import { archiveRelease, createReleases } from './releaseChanges';
import { validateBatch } from './validateBatch';

const DEFAULT_IP_ADDRESS = '203.0.113.10';

function applyOne(context: ChangeContext, change: SampleChange): void {
  switch (change.kind) {
    case 'member-role':
      return changeMemberRole(context, change);
    case 'member-2fa':
      return changeMemberTwoFactor(context, change);
    case 'member-invite':
      return inviteMember(context, change);
    case 'invite-accepted':
      return acceptInvite(context, change);
    case 'member-removed':
      return removeMember(context, change);
    case 'team-member-added':
      return addTeamMember(context, change);
    case 'team-member-removed':
      return removeTeamMember(context, change);
    case 'team-role':
      return changeTeamRole(context, change);
    case 'releases-created':
      return createReleases(context, change);
    case 'release-archived':
      return archiveRelease(context, change);
    case 'workflow-changed':
      return changeWorkflow(context, change);
    case 'workflow-removed':
      return removeWorkflow(context, change);
    case 'legacy-rule-changed':
      return changeLegacyRule(context, change);
    case 'project-added':
      return addProject(context, change);
    case 'project-removed':
      return removeProject(context, change);
    case 'project-team-removed':
      return removeProjectTeam(context, change);
    default: {
      const unknown: never = change;
      throw new SampleChangeError(`unknown change ${JSON.stringify(unknown)}`);
    }
  }
}

/** The batch's actor: the member asked for, or the first owner who has a user. */
function actorOf(draft: OrganizationDraft, batch: ChangeBatch): Actor {
  if (batch.actorMemberId !== undefined) {
    const user = draft.member(batch.actorMemberId).user;
    if (!user)
      throw new SampleChangeError(
        `actor ${batch.actorMemberId} is a pending invite`,
      );
    return user;
  }
  const members = draft.members.base;
  for (let index = 0; index < members.count; index++) {
    const member = members.get(index);
    if ((member.orgRole ?? member.role) === 'owner' && member.user)
      return member.user;
  }
  return { name: 'Sentry' };
}

/**
 * Applies a batch to the store's organization in place of the old one, all or nothing: a
 * SampleChangeError (bad input, a member or team that does not exist…) leaves the store as
 * it was. The server's handle and POST /__sample/changes come through here.
 */
export function applyChangesToStore(
  store: SampleStore,
  input: unknown,
): ChangeSummary {
  const batch = validateBatch(input);
  const view = store.organization(batch.organization);
  if (!view)
    throw new SampleChangeError(
      `organization ${batch.organization} does not exist`,
    );
  const atMs = batch.at === undefined ? Date.now() : parseDateTimeMs(batch.at);
  const draft = new OrganizationDraft(view, atMs);
  const context: ChangeContext = {
    draft,
    actor: actorOf(draft, batch),
    ipAddress: batch.ipAddress ?? DEFAULT_IP_ADDRESS,
  };
  batch.changes.forEach((change, index) => {
    try {
      applyOne(context, change);
    } catch (error) {
      if (error instanceof SampleChangeError)
        throw new SampleChangeError(
          `changes[${index}] (${change.kind}): ${error.message}`,
        );
      throw error;
    }
  });
  store.replaceSource(draft.commit());
  return {
    organization: view.slug,
    applied: batch.changes.length,
    auditLogEntries: draft.auditEntries.length,
  };
}

/**
 * A copy of `data` with a batch of changes applied (the input is not modified, and lazy
 * listings stay lazy). Throws a SampleChangeError, naming the change, when it cannot apply.
 */
export function applyChanges(data: SampleData, batch: ChangeBatch): SampleData {
  const store = new SampleStore(data);
  applyChangesToStore(store, batch);
  return store.data();
}

export { SampleChangeError };
