import type {
  ReleaseArchivedChange,
  ReleasesCreatedChange,
} from '../types/sampleChange';
import type { ProjectJson, ReleaseJson } from '../types/sentryJson';
import type { ChangeContext } from './audit';
import { SampleChangeError } from './organizationDraft';

function releaseJson(
  id: number,
  project: ProjectJson,
  created: string,
): ReleaseJson {
  const raw = `${created.slice(0, 10).replace(/-/g, '.')}-r${id}`;
  const version = `${project.slug}@${raw}`;
  return {
    id,
    version,
    shortVersion: version,
    status: 'open',
    versionInfo: {
      package: project.slug,
      version: { raw },
      description: raw,
      buildHash: null,
    },
    ref: null,
    url: null,
    dateReleased: null,
    dateCreated: created,
    dateStarted: null,
    data: {},
    newGroups: 0,
    owner: null,
    commitCount: 0,
    lastCommit: null,
    deployCount: 0,
    lastDeploy: null,
    authors: [],
    projects: [
      {
        id: Number(project.id),
        slug: project.slug,
        name: project.name,
        newGroups: 0,
        platform: project.platform,
        platforms: project.platform ? [project.platform] : [],
        hasHealthData: false,
      },
    ],
    firstEvent: null,
    lastEvent: null,
    currentProjectMeta: {},
    userAgent: null,
  };
}

/**
 * New releases, date_added now (one microsecond apart, the last the newest), each on one
 * project in turn; each project's latestRelease follows. Sentry audits no release change.
 */
export function createReleases(
  context: ChangeContext,
  change: ReleasesCreatedChange,
): void {
  const { draft } = context;
  const projects = change.projects
    ? change.projects.map(slug => draft.project(slug))
    : Array.from({ length: draft.projects.base.count }, (_, index) =>
        draft.projects.base.get(index),
      )
        .filter(project => draft.projects.get(project.slug))
        .concat(draft.projects.addedItems());
  if (projects.length === 0)
    throw new SampleChangeError('there is no project to release');
  for (let made = 0; made < change.count; made++) {
    const project = draft.project(projects[made % projects.length].slug);
    const id = draft.nextId('release', () =>
      BigInt(draft.releases.base.count ? draft.releases.base.get(0).id : 0),
    );
    const release = releaseJson(Number(id), project, draft.tick());
    draft.releases.add(release);
    draft.projects.set({
      ...project,
      latestRelease: { version: release.version },
    });
  }
}

/** PUT …/releases/{version}/ {status: archived}: date_added stays, so does its position. */
export function archiveRelease(
  context: ChangeContext,
  change: ReleaseArchivedChange,
): void {
  const release = context.draft.releases.get(change.version);
  if (!release)
    throw new SampleChangeError(`release ${change.version} does not exist`);
  context.draft.releases.set({ ...release, status: 'archived' });
}
