import type { DetectorJson, DetectorType } from '../types/alertJson';
import { numericId, stringId } from './ids';
import {
  isoWithMicros,
  itemRandom,
  type OrganizationContext,
  timeWithinLife,
} from './organizationContext';
import type { ProjectPlan } from './projectTraits';
import type { TeamPlan } from './teams';

/**
 * Every project has an `issue_stream` and an `error` detector; some also have a metric, an uptime
 * or a cron detector. Detectors are numbered project by project (serving order), so detector d is
 * found from a prefix sum without holding any detector in memory.
 */
export interface DetectorPlan {
  count: number;
  /** firstOfProject[p] = index of project p's issue_stream detector; firstOfProject[P] = count. */
  firstOfProject: Int32Array;
  /** Per project: bit 1 = metric_issue, 2 = uptime_domain_failure, 4 = monitor_check_in_failure. */
  extras: Uint8Array;
  /** The organization-wide issue detector (the last index), when the organization has one. */
  allProjects?: number;
}

/** The organization feature behind Sentry's organization-wide issue detector. */
export const ALL_PROJECTS_DETECTOR_FEATURE =
  'workflow-engine-all-projects-detector';

/** The first organization has the feature (and so the detector); the others do not. */
export function hasAllProjectsDetector(context: OrganizationContext): boolean {
  return context.index === 0;
}

const EXTRA_TYPES: ReadonlyArray<readonly [bit: number, type: DetectorType]> = [
  [1, 'metric_issue'],
  [2, 'uptime_domain_failure'],
  [4, 'monitor_check_in_failure'],
];

export function planDetectors(
  context: OrganizationContext,
  projectCount: number,
): DetectorPlan {
  const extras = new Uint8Array(projectCount);
  const firstOfProject = new Int32Array(projectCount + 1);
  let next = 0;
  for (let project = 0; project < projectCount; project++) {
    const random = itemRandom(context, 'detector-extras', project);
    let bits = 0;
    if (project === 1 || random.chance(0.15)) bits |= 1;
    if (project === 2 || random.chance(0.08)) bits |= 2;
    if (project === 3 || random.chance(0.08)) bits |= 4;
    extras[project] = bits;
    firstOfProject[project] = next;
    next += detectorTypesOf(bits).length;
  }
  firstOfProject[projectCount] = next;
  const allProjects =
    hasAllProjectsDetector(context) && projectCount > 0 ? next : undefined;
  return {
    count: allProjects === undefined ? next : next + 1,
    firstOfProject,
    extras,
    allProjects,
  };
}

function detectorTypesOf(bits: number): DetectorType[] {
  return [
    'issue_stream',
    'error',
    ...EXTRA_TYPES.filter(([bit]) => bits & bit).map(([, type]) => type),
  ];
}

/** The detector of a given type on a project, if the project has one. */
export function detectorIndexOf(
  plan: DetectorPlan,
  project: number,
  type: DetectorType,
): number | undefined {
  const position = detectorTypesOf(plan.extras[project]).indexOf(type);
  return position < 0 ? undefined : plan.firstOfProject[project] + position;
}

export function locateDetector(
  plan: DetectorPlan,
  index: number,
): { project: number; type: DetectorType } {
  let low = 0;
  let high = plan.extras.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (plan.firstOfProject[middle] <= index) low = middle;
    else high = middle - 1;
  }
  return {
    project: low,
    type: detectorTypesOf(plan.extras[low])[index - plan.firstOfProject[low]],
  };
}

export function detectorId(
  context: OrganizationContext,
  index: number,
): string {
  return stringId('detector', context.index, index);
}

export interface DetectorLinks {
  /** Workflow ids connected to detector d, ascending. */
  workflowIdsOf(detectorIndex: number): string[];
}

export function detectorJson(
  context: OrganizationContext,
  plan: DetectorPlan,
  projects: ProjectPlan,
  teams: TeamPlan,
  links: DetectorLinks,
  index: number,
): DetectorJson {
  if (index === plan.allProjects)
    return allProjectsDetectorJson(context, links, index);
  const { project, type } = locateDetector(plan, index);
  const random = itemRandom(context, 'detector', index);
  const slug = projects.slugs[project];
  const projectCreated =
    (projects.creationIndex[project] + 1) / (projects.slugs.length + 2);
  const created = isoWithMicros(
    timeWithinLife(context, Math.max(projectCreated, 0.6)),
    random,
  );
  const system = type === 'issue_stream' || type === 'error';
  const ownerTeam = projects.teams[project][0];
  const subId = (offset: number) =>
    stringId('conditionGroup', context.index, index * 4 + offset);
  const detector: DetectorJson = {
    id: detectorId(context, index),
    projectId: projects.ids[project],
    name: detectorName(type, slug),
    description: null,
    type,
    workflowIds: links.workflowIdsOf(index),
    owner:
      system || ownerTeam === undefined
        ? null
        : {
            type: 'team',
            id: teams.ids[ownerTeam],
            name: teams.names[ownerTeam],
          },
    createdBy: null,
    dateCreated: created,
    dateUpdated: created,
    dataSources: null,
    conditionGroup: null,
    config: {},
    enabled: type !== 'uptime_domain_failure' || random.chance(0.9),
    latestGroup: null,
    alertRuleId: null,
    ruleId: null,
  };
  if (type === 'metric_issue') {
    detector.alertRuleId = random.chance(0.7)
      ? numericId('legacyRule', context.index, 9_000_000 + index)
      : null;
    detector.config = { detectionType: 'static' };
    detector.dataSources = [
      {
        id: subId(0),
        organizationId: context.id,
        type: 'snuba_query_subscription',
        sourceId: subId(1),
        queryObj: {
          id: subId(1),
          status: 0,
          subscription: null,
          snubaQuery: {
            id: subId(2),
            dataset: 'events',
            query: 'is:unresolved',
            aggregate: 'count()',
            timeWindow: 3600,
            environment: null,
            eventTypes: ['error'],
          },
        },
      },
    ];
    detector.conditionGroup = {
      id: subId(3),
      organizationId: context.id,
      logicType: 'any',
      conditions: [
        {
          id: subId(2),
          type: 'gt',
          comparison: random.pick([100, 500, 1000]),
          conditionResult: 75,
        },
      ],
      actions: [],
    };
  } else if (type === 'uptime_domain_failure') {
    detector.config = {
      environment: 'production',
      mode: 1,
      recoveryThreshold: 1,
      downtimeThreshold: 3,
    };
    detector.dataSources = [
      {
        id: subId(0),
        organizationId: context.id,
        type: 'uptime_subscription',
        sourceId: subId(1),
        queryObj: {
          url: `https://${slug}.example.com/health`,
          method: 'GET',
          intervalSeconds: 60,
          timeoutMs: 10_000,
        },
      },
    ];
  } else if (type === 'monitor_check_in_failure') {
    detector.dataSources = [
      {
        id: subId(0),
        organizationId: context.id,
        type: 'cron_monitor',
        sourceId: subId(1),
        queryObj: { slug: `nightly-${slug}`, schedule: '0 2 * * *' },
      },
    ];
  }
  return detector;
}

/**
 * Sentry's organization-wide issue-stream detector: no project (the serializer's
 * `str(project_id)` writes "None"), its organization in `config`.
 */
function allProjectsDetectorJson(
  context: OrganizationContext,
  links: DetectorLinks,
  index: number,
): DetectorJson {
  const created = isoWithMicros(
    timeWithinLife(context, 0.9),
    itemRandom(context, 'detector', index),
  );
  return {
    id: detectorId(context, index),
    projectId: 'None',
    name: 'Issue Stream',
    description: null,
    type: 'issue_stream',
    workflowIds: links.workflowIdsOf(index),
    owner: null,
    createdBy: null,
    dateCreated: created,
    dateUpdated: created,
    dataSources: null,
    conditionGroup: null,
    config: { organization_id: Number(context.id) },
    enabled: true,
    latestGroup: null,
    alertRuleId: null,
    ruleId: null,
  };
}

function detectorName(type: DetectorType, slug: string): string {
  switch (type) {
    case 'issue_stream':
      return 'Issue Stream';
    case 'error':
      return 'Error Monitor';
    case 'metric_issue':
      return `High error volume in ${slug}`;
    case 'uptime_domain_failure':
      return `Uptime check for https://${slug}.example.com`;
    default:
      return `Cron: nightly-${slug}`;
  }
}
