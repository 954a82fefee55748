import type {
  ProjectAddedChange,
  ProjectRemovedChange,
  ProjectTeamRemovedChange,
} from '../types/sampleChange';
import type { ProjectJson } from '../types/sentryJson';
import { audit, type ChangeContext } from './audit';
import { maxNumericId, SampleChangeError } from './organizationDraft';

/** Project.get_audit_log_data(): status 0 is ObjectStatus.ACTIVE. */
function projectAuditData(project: ProjectJson): Record<string, unknown> {
  return {
    id: Number(project.id),
    slug: project.slug,
    name: project.name,
    status: 0,
    public: false,
  };
}

export function addProject(
  context: ChangeContext,
  change: ProjectAddedChange,
): void {
  const { draft } = context;
  if (!/^[a-z0-9_-]+$/.test(change.slug) || /^\d+$/.test(change.slug))
    throw new SampleChangeError(`"${change.slug}" is not a project slug`);
  if (draft.projects.get(change.slug))
    throw new SampleChangeError(`project ${change.slug} already exists`);
  const teams = (change.teams ?? []).map(slug => {
    const team = draft.team(slug);
    return { id: team.id, name: team.name, slug: team.slug };
  });
  const id = draft.nextId('project', () =>
    maxNumericId(
      draft.projects.base,
      project => project.id,
      BigInt(draft.view.id) * 1000n,
    ),
  );
  const project: ProjectJson = {
    id,
    slug: change.slug,
    name: change.name ?? change.slug,
    platform: change.platform ?? null,
    dateCreated: draft.tick(),
    firstEvent: null,
    firstTransactionEvent: false,
    isBookmarked: false,
    isMember: false,
    access: [],
    hasAccess: true,
    features: ['releases', 'minidump', 'similarity-indexing', 'servicehooks'],
    team: teams[0] ?? null,
    teams,
    platforms: [],
    environments: [],
    hasUserReports: false,
    latestRelease: null,
    latestDeploys: null,
    eventProcessing: { symbolicationDegraded: false },
    hasSessions: false,
    hasProfiles: false,
    hasReplays: false,
    hasMonitors: false,
    hasFeedbacks: false,
    hasLogs: false,
  };
  draft.projects.add(project);
  audit(context, 'project.create', {
    targetObject: id,
    targetUser: null,
    data: projectAuditData(project),
  });
}

/**
 * DELETE /projects/{org}/{project}/: the project leaves the listings at once (pending
 * deletion), its legacy rules with it.
 */
export function removeProject(
  context: ChangeContext,
  change: ProjectRemovedChange,
): void {
  const { draft } = context;
  const project = draft.project(change.project);
  draft.projects.remove(project.slug);
  draft.setLegacyRules(project.slug, undefined);
  audit(context, 'project.remove', {
    targetObject: project.id,
    targetUser: null,
    data: projectAuditData(project),
  });
}

/**
 * DELETE /projects/{org}/{project}/teams/{team}/ (ProjectTeamDetailsEndpoint): the team
 * leaves the project's teams, and `team` (the first of them) follows; `project-team.remove`
 * names both slugs. The last team can go: the project then has none.
 */
export function removeProjectTeam(
  context: ChangeContext,
  change: ProjectTeamRemovedChange,
): void {
  const { draft } = context;
  const project = draft.project(change.project);
  const team = draft.team(change.team);
  if (!project.teams.some(ref => ref.id === team.id))
    throw new SampleChangeError(
      `team ${team.slug} is not on project ${project.slug}`,
    );
  const teams = project.teams.filter(ref => ref.id !== team.id);
  draft.projects.set({ ...project, teams, team: teams[0] ?? null });
  audit(context, 'project-team.remove', {
    targetObject: project.id,
    targetUser: null,
    data: { team_slug: team.slug, project_slug: project.slug },
  });
}
