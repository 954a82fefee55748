import type { OrganizationView } from '../server/organizationView';
import { SampleStore } from '../server/sampleStore';
import type { WorkflowJson } from '../types/alertJson';
import type { ChangeBatch } from '../types/sampleChange';
import type { SampleData } from '../types/sampleData';
import type { MemberJson } from '../types/sentryJson';
import { SampleChangeError } from './organizationDraft';

export interface DayAfterOptions {
  /** Slug or id; default the first organization. */
  organization?: string;
  /** Passed on as the batch's `at`. */
  at?: string;
}

/** The first row of a listing, in serving order, that `fits`. */
function first<T>(
  listing: { count: number; get(index: number): T },
  fits: (item: T) => boolean,
): T | undefined {
  for (let index = 0; index < listing.count; index++) {
    const item = listing.get(index);
    if (fits(item)) return item;
  }
  return undefined;
}

function required<T>(
  item: T | undefined,
  what: string,
  view: OrganizationView,
) {
  if (item === undefined)
    throw new SampleChangeError(
      `organization ${view.slug} has no ${what} for the day after`,
    );
  return item;
}

/** A workflow that alerts on a project: one of its detectors is a listed project's. */
function onAProject(view: OrganizationView) {
  return (workflow: WorkflowJson) =>
    workflow.detectorIds.some(id => {
      const projectId = view.detectorById(id)?.projectId;
      return (
        projectId !== undefined && view.projectIndex(projectId) !== undefined
      );
    });
}

/**
 * "The day after": one of each change a security engineer asks about first, drawn from the
 * data in serving order (the same data always gives the same batch). A member made owner,
 * another's 2FA lost, a member invited and one removed, an alert rule (a workflow on a
 * project) disabled and another deleted, and a project's teams all taken off it, so it has
 * none left (a project with one team is preferred).
 */
export function dayAfter(
  data: SampleData,
  options: DayAfterOptions = {},
): ChangeBatch {
  return dayAfterIn(new SampleStore(data), options);
}

/** dayAfter on the data a running server serves now (POST /__sample/day-after). */
export function dayAfterIn(
  store: SampleStore,
  options: DayAfterOptions = {},
): ChangeBatch {
  const view = options.organization
    ? store.organization(options.organization)
    : store.organizations[0];
  if (!view) throw new SampleChangeError('no such organization');
  const used = new Set<string>();
  const member = (what: string, fits: (m: MemberJson) => boolean) => {
    const found = required(
      first(
        view.members,
        m => !used.has(m.id) && m.user !== null && !m.pending && fits(m),
      ),
      what,
      view,
    );
    used.add(found.id);
    return found;
  };
  const role = (m: MemberJson) => m.orgRole ?? m.role;
  const promoted = member('member to make owner', m => role(m) === 'member');
  const lost2fa = member(
    'member with 2FA',
    m => m.user?.has2fa === true && role(m) !== 'owner',
  );
  const removed = member('member to remove', m => role(m) !== 'owner');

  const alerting = onAProject(view);
  const disabled = required(
    first(view.workflows, w => w.enabled && alerting(w)),
    'enabled workflow on a project',
    view,
  );
  const deleted = required(
    first(view.workflows, w => w.id !== disabled.id && alerting(w)),
    'second workflow on a project',
    view,
  );
  const teamless = required(
    first(view.projects, p => p.teams.length === 1) ??
      first(view.projects, p => p.teams.length > 0),
    'project with a team',
    view,
  );

  return {
    organization: view.slug,
    changes: [
      { kind: 'member-role', memberId: promoted.id, role: 'owner' },
      { kind: 'member-2fa', memberId: lost2fa.id, enabled: false },
      {
        kind: 'member-invite',
        email: `new.hire.day-after@${view.slug}.example`,
        role: 'member',
      },
      { kind: 'member-removed', memberId: removed.id },
      { kind: 'workflow-changed', workflowId: disabled.id, enabled: false },
      { kind: 'workflow-removed', workflowId: deleted.id },
      ...teamless.teams.map(team => ({
        kind: 'project-team-removed' as const,
        project: teamless.slug,
        team: team.slug,
      })),
    ],
    ...(options.at === undefined ? {} : { at: options.at }),
  };
}
