import { epochMsToIso } from '../isoTime';
import type { ReleaseJson, ReleaseVersionInfoJson } from '../types/sentryJson';
import { numericId, stringId } from './ids';
import {
  itemRandom,
  type OrganizationContext,
  REFERENCE_TIME_MS,
} from './organizationContext';
import { type ProjectPlan, projectPlatform } from './projectTraits';

/*
 * Releases are never held in memory: release i (0 = newest) is a pure function of i. Its primary
 * project is i mod P, so each project gets a release every P releases, and version numbers count
 * up per project — the oldest P releases are "<slug>@1.0.0" for every project, which is how the
 * same version string ("backend@1.0.0") appears in every organization.
 */

const EXTRA_PROJECT_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [0, 75],
  [1, 15],
  [2, 7],
  [3, 3],
];

/** How many projects besides the primary one release i spans (0–3). */
function extraProjectCount(
  context: OrganizationContext,
  index: number,
): number {
  return itemRandom(context, 'release-shape', index).weighted(
    EXTRA_PROJECT_WEIGHTS,
  );
}

/** Project serving indices of release i: the primary (i mod P) and the next few. */
export function releaseProjectIndices(
  context: OrganizationContext,
  index: number,
  projectCount: number,
): number[] {
  const primary = index % projectCount;
  const indices = [primary];
  const extra = extraProjectCount(context, index);
  for (let offset = 1; offset <= extra; offset++) {
    const project = (primary + offset) % projectCount;
    if (!indices.includes(project)) indices.push(project);
  }
  return indices;
}

/** The newest release that includes project p, found without scanning all releases. */
export function latestReleaseIndex(
  context: OrganizationContext,
  project: number,
  projectCount: number,
): number | undefined {
  const releaseCount = context.sizes.releases;
  let newest: number | undefined;
  for (let offset = 0; offset <= 3; offset++) {
    for (
      let index =
        (((project - offset) % projectCount) + projectCount) % projectCount;
      index < releaseCount;
      index += projectCount
    ) {
      if (newest !== undefined && index >= newest) break;
      if (offset === 0 || extraProjectCount(context, index) >= offset) {
        newest = index;
        break;
      }
    }
  }
  return newest;
}

function stepMs(context: OrganizationContext): number {
  const spanMs = 730 * 86_400_000;
  return Math.min(
    6 * 3_600_000,
    Math.max(10_000, Math.floor(spanMs / Math.max(1, context.sizes.releases))),
  );
}

/** Newest first: strictly decreasing creation times. */
function createdMs(context: OrganizationContext, index: number): number {
  return REFERENCE_TIME_MS - 3_600_000 - index * stepMs(context);
}

interface VersionParts {
  version: string;
  info: ReleaseVersionInfoJson;
}

function versionParts(
  context: OrganizationContext,
  plan: ProjectPlan,
  index: number,
): VersionParts {
  const projectCount = plan.slugs.length;
  const slug = plan.slugs[index % projectCount];
  const sequence = Math.floor(
    (context.sizes.releases - 1 - index) / projectCount,
  ); // 0 = oldest
  const random = itemRandom(context, 'release-version', index);
  if (sequence > 0 && random.chance(0.08)) {
    const sha = random.hex(40);
    return {
      version: sha,
      info: {
        package: null,
        version: { raw: sha },
        description: sha.slice(0, 12),
        buildHash: sha,
      },
    };
  }
  const [major, minor, patch] = [
    1 + Math.floor(sequence / 100),
    Math.floor(sequence / 10) % 10,
    sequence % 10,
  ];
  const raw = `${major}.${minor}.${patch}`;
  return {
    version: `${slug}@${raw}`,
    info: {
      package: slug,
      version: {
        raw,
        major,
        minor,
        patch,
        pre: null,
        buildCode: null,
        components: 3,
      },
      description: raw,
      buildHash: null,
    },
  };
}

export function releaseVersion(
  context: OrganizationContext,
  plan: ProjectPlan,
  index: number,
): string {
  return versionParts(context, plan, index).version;
}

/**
 * About one release in ten is archived, all among the older 60%: people archive releases
 * they are done with. A pure function of the index, like everything about a release.
 */
function releaseStatus(
  context: OrganizationContext,
  index: number,
): 'open' | 'archived' {
  const old = index >= Math.floor(context.sizes.releases * 0.4);
  return old && itemRandom(context, 'release-status', index).chance(0.16)
    ? 'archived'
    : 'open';
}

export function releaseJson(
  context: OrganizationContext,
  plan: ProjectPlan,
  index: number,
): ReleaseJson {
  const random = itemRandom(context, 'release', index);
  const { version, info } = versionParts(context, plan, index);
  const created = createdMs(context, index);
  const released = random.chance(0.7)
    ? created + random.int(1, 120) * 60_000
    : null;
  const deployCount = random.weighted([
    [0, 50],
    [1, 30],
    [2, 15],
    [5, 5],
  ]);
  const environment = random.chance(0.8) ? 'production' : 'staging';
  const micros = (ms: number) => epochMsToIso(ms, random.int(0, 999));
  const projects = releaseProjectIndices(context, index, plan.slugs.length).map(
    project => {
      const platform = projectPlatform(context, plan, project);
      return {
        id: Number(plan.ids[project]),
        slug: plan.slugs[project],
        name: plan.names[project],
        newGroups: random.int(0, 3),
        platform,
        platforms: [platform],
        hasHealthData: false,
      };
    },
  );
  return {
    // Newer releases have higher ids, as rows inserted later do.
    id: numericId('release', context.index, context.sizes.releases - 1 - index),
    version,
    shortVersion: info.package === null ? version.slice(0, 12) : version,
    status: releaseStatus(context, index),
    versionInfo: info,
    ref: random.chance(0.5) ? random.hex(40) : null,
    url: null,
    dateReleased: released === null ? null : micros(released),
    dateCreated: micros(created),
    dateStarted: null,
    data: {},
    newGroups: projects.reduce((sum, project) => sum + project.newGroups, 0),
    owner: null,
    commitCount: random.int(0, 40),
    lastCommit: null,
    deployCount,
    lastDeploy:
      deployCount === 0
        ? null
        : {
            id: stringId('deploy', context.index, index),
            environment,
            dateStarted: null,
            dateFinished: micros(
              (released ?? created) + random.int(5, 90) * 60_000,
            ),
            name: `${environment} deploy`,
            url: null,
          },
    authors: [],
    projects,
    firstEvent: random.chance(0.6)
      ? micros(created + random.int(1, 600) * 60_000)
      : null,
    lastEvent: null,
    currentProjectMeta: {},
    userAgent: null,
  };
}
