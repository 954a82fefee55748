import type { ProjectJson, ProjectTeamRefJson } from '../types/sentryJson';
import { stringId } from './ids';
import { namesSortedBySlug } from './naming';
import {
  DAY_MS,
  isoWithMicros,
  itemRandom,
  type OrganizationContext,
  timeWithinLife,
} from './organizationContext';
import type { ProjectPlan } from './projectTraits';
import { latestReleaseIndex, releaseVersion } from './releases';
import type { TeamPlan } from './teams';
import {
  COMMON_PROJECT_SLUGS,
  ENVIRONMENTS,
  PLATFORMS,
  PROJECT_COMPONENTS,
  PROJECT_DOMAINS,
  UNICODE_PROJECT_NAMES,
} from './vocabulary';

function projectName(index: number): { name: string; slug?: string } {
  if (index < COMMON_PROJECT_SLUGS.length)
    return {
      name: COMMON_PROJECT_SLUGS[index],
      slug: COMMON_PROJECT_SLUGS[index],
    };
  if (index === COMMON_PROJECT_SLUGS.length)
    return { name: UNICODE_PROJECT_NAMES[0] };
  if (index === 40) return { name: UNICODE_PROJECT_NAMES[1] };
  const generated = index - COMMON_PROJECT_SLUGS.length - 1;
  const domain = PROJECT_DOMAINS[generated % PROJECT_DOMAINS.length];
  const component =
    PROJECT_COMPONENTS[
      Math.floor(generated / PROJECT_DOMAINS.length) % PROJECT_COMPONENTS.length
    ];
  const round = Math.floor(
    generated / (PROJECT_DOMAINS.length * PROJECT_COMPONENTS.length),
  );
  const slug = `${domain}-${component}${round > 0 ? `-${round + 1}` : ''}`;
  // Half the projects carry a display name that differs from the slug, as people set them.
  const titled = `${capitalize(domain)} ${component.length <= 3 ? component.toUpperCase() : capitalize(component)}`;
  return {
    name:
      index % 2 === 0 ? slug : `${titled}${round > 0 ? ` ${round + 1}` : ''}`,
    slug,
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function planProjects(
  context: OrganizationContext,
  teamCount: number,
): ProjectPlan {
  const count = context.sizes.projects;
  const { order, names, slugs } = namesSortedBySlug(
    count,
    projectName,
    index => `project-${index + 1}`,
  );
  const teams = slugs.map((_, index) => {
    const random = itemRandom(context, 'project-teams', order[index]);
    // Fixed cases so that small data sets have a project without a team and one with three.
    let wanted = random.weighted([
      [0, 8],
      [1, 60],
      [2, 22],
      [3, 10],
    ]);
    if (index === 1 && count >= 3) wanted = 0;
    if (index === 2 && count >= 3) wanted = 3;
    return random.distinct(wanted, teamCount).sort((a, b) => a - b);
  });
  return {
    slugs,
    names,
    ids: order.map(index => stringId('project', context.index, index)),
    creationIndex: order,
    teams,
  };
}

export function projectTeamRefs(
  plan: ProjectPlan,
  teams: TeamPlan,
  index: number,
): ProjectTeamRefJson[] {
  return plan.teams[index].map(team => ({
    id: teams.ids[team],
    name: teams.names[team],
    slug: teams.slugs[team],
  }));
}

export function projectJson(
  context: OrganizationContext,
  plan: ProjectPlan,
  teams: TeamPlan,
  index: number,
): ProjectJson {
  const created = plan.creationIndex[index];
  const random = itemRandom(context, 'project', created);
  const platform = random.pick(PLATFORMS); // the same first draw as projectPlatform()
  const createdMs = timeWithinLife(
    context,
    (created + 1) / (plan.slugs.length + 2),
  );
  const hasEvents = random.chance(0.85);
  const teamRefs = projectTeamRefs(plan, teams, index);
  const latest = latestReleaseIndex(context, index, plan.slugs.length);
  const latestVersion =
    latest === undefined ? null : releaseVersion(context, plan, latest);
  const deployed = latestVersion !== null && random.chance(0.4);
  return {
    id: plan.ids[index],
    slug: plan.slugs[index],
    name: plan.names[index],
    platform,
    dateCreated: isoWithMicros(createdMs, random),
    firstEvent: hasEvents
      ? isoWithMicros(createdMs + random.int(1, 30) * DAY_MS, random)
      : null,
    firstTransactionEvent: hasEvents && random.chance(0.5),
    isBookmarked: false,
    isMember: false,
    access: [],
    hasAccess: true,
    features: [
      'releases',
      'minidump',
      'similarity-indexing',
      'servicehooks',
      'alert-filters',
    ],
    team: teamRefs[0] ?? null,
    teams: teamRefs,
    platforms: hasEvents ? [platform] : [],
    environments: hasEvents
      ? ENVIRONMENTS.slice(0, random.int(1, ENVIRONMENTS.length))
      : [],
    hasUserReports: random.chance(0.1),
    latestRelease: latestVersion === null ? null : { version: latestVersion },
    latestDeploys: deployed
      ? {
          production: {
            version: latestVersion,
            dateFinished: isoWithMicros(
              createdMs + random.int(30, 600) * DAY_MS,
              random,
            ),
          },
        }
      : null,
    eventProcessing: { symbolicationDegraded: false },
    hasSessions: random.chance(0.4),
    hasProfiles: random.chance(0.1),
    hasReplays: random.chance(0.15),
    hasFlags: false,
    hasMonitors: random.chance(0.2),
    hasFeedbacks: random.chance(0.05),
    hasNewFeedbacks: false,
    hasMinifiedStackTrace: random.chance(0.2),
    hasInsightsHttp: random.chance(0.3),
    hasInsightsDb: random.chance(0.2),
    hasInsightsAssets: false,
    hasInsightsAppStart: false,
    hasInsightsScreenLoad: false,
    hasInsightsVitals: false,
    hasInsightsCaches: false,
    hasInsightsQueues: false,
    hasInsightsLlmMonitoring: false,
    hasInsightsAgentMonitoring: false,
    hasInsightsMCP: false,
    hasLogs: random.chance(0.1),
    hasTraceMetrics: false,
  };
}
