import type { DetectorType } from '../types/alertJson';
import { type DetectorPlan, detectorIndexOf } from './detectors';
import { itemRandom, type OrganizationContext } from './organizationContext';

/** What a workflow alerts on. Only 'issue' workflows are issue alert rules. */
export type WorkflowKind = 'issue' | 'metric' | 'uptime' | 'cron' | 'detached';

/**
 * Which detectors each workflow is connected to, decided up front because both directions are
 * served (workflow.detectorIds and detector.workflowIds). Small arrays of indices only; the JSON is
 * built on demand. Non-issue workflows (about 10%) are spread evenly among the issue alerts.
 */
export interface WorkflowPlan {
  count: number;
  kinds: WorkflowKind[];
  /** Issue alerts: their ordinal among issue alerts (fixed cases key off it); others: -1. */
  ruleOrdinal: Int32Array;
  /** Project serving indices the workflow alerts on (issue alerts: 1–3; others: 0–1). */
  projects: number[][];
  detectors: number[][];
  /** Detector index → workflow indices connected to it (ascending). */
  workflowsOfDetector: Map<number, number[]>;
  /** Project → issue alerts whose only project it is (they also exist as legacy rules). */
  singleProjectRules: Map<number, number[]>;
}

const OTHER_KINDS = ['metric', 'uptime', 'cron', 'detached'] as const;
const OTHER_DETECTOR: Record<'metric' | 'uptime' | 'cron', DetectorType> = {
  metric: 'metric_issue',
  uptime: 'uptime_domain_failure',
  cron: 'monitor_check_in_failure',
};

export function planWorkflows(
  context: OrganizationContext,
  detectors: DetectorPlan,
  projectCount: number,
): WorkflowPlan {
  const rules = projectCount > 0 ? context.sizes.rules : 0;
  const others =
    rules > 0 ? Math.max(OTHER_KINDS.length, Math.round(rules / 10)) : 0;
  const count = rules + others;
  const plan: WorkflowPlan = {
    count,
    kinds: [],
    ruleOrdinal: new Int32Array(count).fill(-1),
    projects: [],
    detectors: [],
    workflowsOfDetector: new Map(),
    singleProjectRules: new Map(),
  };
  // About 80% of projects have issue alerts; the rest have none (a finding the portal shows).
  const alerted: number[] = [];
  for (let project = 0; project < projectCount; project++) {
    if (project === 0 || itemRandom(context, 'alerted', project).chance(0.8))
      alerted.push(project);
  }
  const projectsWith = (bit: number) =>
    range(projectCount).filter(project => detectors.extras[project] & bit);
  const candidates = {
    metric: projectsWith(1),
    uptime: projectsWith(2),
    cron: projectsWith(4),
  };

  let ruleOrdinal = 0;
  let otherOrdinal = 0;
  for (let workflow = 0; workflow < count; workflow++) {
    const random = itemRandom(context, 'workflow-plan', workflow);
    const isOther =
      Math.floor(((workflow + 1) * others) / count) >
      Math.floor((workflow * others) / count);
    let kind: WorkflowKind;
    let projects: number[] = [];
    let linked: number[] = [];
    if (isOther) {
      const other = OTHER_KINDS[otherOrdinal++ % OTHER_KINDS.length];
      kind = other;
      if (other !== 'detached') {
        const pool = candidates[other];
        if (pool.length === 0) kind = 'detached';
        else {
          const project = random.pick(pool);
          projects = [project];
          linked = [
            detectorIndexOf(
              detectors,
              project,
              OTHER_DETECTOR[other],
            ) as number,
          ];
        }
      }
    } else {
      kind = 'issue';
      const ordinal = ruleOrdinal++;
      plan.ruleOrdinal[workflow] = ordinal;
      let wanted = random.weighted([
        [1, 92],
        [2, 6],
        [3, 2],
      ]);
      if (ordinal === 0) wanted = 2;
      if (ordinal === 3) wanted = 3;
      if (ordinal === 5 && detectors.allProjects !== undefined) {
        // An alert on every project, through the organization-wide detector.
        linked = [detectors.allProjects];
      } else {
        projects = random
          .distinct(wanted, alerted.length)
          .map(position => alerted[position])
          .sort((a, b) => a - b);
        linked = projects.flatMap(project =>
          issueDetectorsOf(
            detectors,
            project,
            ordinal === 4 || random.chance(0.2),
          ),
        );
      }
    }
    plan.kinds.push(kind);
    plan.projects.push(projects);
    plan.detectors.push(linked);
    for (const detector of linked) {
      const list = plan.workflowsOfDetector.get(detector) ?? [];
      list.push(workflow);
      plan.workflowsOfDetector.set(detector, list);
    }
    if (kind === 'issue' && projects.length === 1) {
      const list = plan.singleProjectRules.get(projects[0]) ?? [];
      list.push(workflow);
      plan.singleProjectRules.set(projects[0], list);
    }
  }
  return plan;
}

/**
 * The detectors an issue alert is linked to on one project: its issue stream; the error detector
 * too for alerts linked in the 2025 era; and the project's cron detector if it has one (the
 * migration links cron detectors to every rule workflow of their project).
 */
function issueDetectorsOf(
  detectors: DetectorPlan,
  project: number,
  alsoError: boolean,
): number[] {
  const linked = [
    detectorIndexOf(detectors, project, 'issue_stream') as number,
  ];
  if (alsoError)
    linked.push(detectorIndexOf(detectors, project, 'error') as number);
  const cron = detectorIndexOf(detectors, project, 'monitor_check_in_failure');
  if (cron !== undefined) linked.push(cron);
  return linked;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
