import type {
  DataConditionGroupJson,
  LogicType,
  WorkflowJson,
} from '../types/alertJson';
import { ACTIONS, FILTER_CONDITIONS, TRIGGER_CONDITIONS } from './alertCatalog';
import { detectorId } from './detectors';
import { stringId } from './ids';
import { memberTraits } from './members';
import {
  DAY_MS,
  isoWithMicros,
  itemRandom,
  type OrganizationContext,
  REFERENCE_TIME_MS,
  timeWithinLife,
} from './organizationContext';
import type { ProjectPlan } from './projectTraits';
import type { TeamPlan } from './teams';
import type { WorkflowPlan } from './workflowPlan';
import { action, condition, workflowName } from './workflowParts';
import { ENVIRONMENTS } from './vocabulary';

/** Frequencies in minutes; 0 = every time (the new UI's value), 1440 = once a day. */
export const FREQUENCIES = [0, 5, 30, 60, 1440];
const TRIGGER_LOGIC: readonly LogicType[] = ['any-short', 'all', 'none'];

export interface WorkflowSources {
  context: OrganizationContext;
  plan: WorkflowPlan;
  projects: ProjectPlan;
  teams: TeamPlan;
}

/** The creator of a workflow as a member index (the legacy rule's createdBy needs the person). */
export function workflowCreatorIndex(
  sources: WorkflowSources,
  index: number,
): number | null {
  const random = itemRandom(sources.context, 'workflow-creator', index);
  if (sources.context.sizes.members === 0 || random.chance(0.2)) return null;
  const member = random.int(0, sources.context.sizes.members - 1);
  return memberTraits(sources.context, member).pending ? null : member;
}

export function workflowId(
  context: OrganizationContext,
  index: number,
): string {
  return stringId('workflow', context.index, index);
}

export function workflowJson(
  sources: WorkflowSources,
  index: number,
): WorkflowJson {
  const { context, plan, projects, teams } = sources;
  const random = itemRandom(context, 'workflow', index);
  const ordinal = plan.ruleOrdinal[index];
  const fixed = <T>(values: readonly T[], otherwise: () => T): T =>
    ordinal >= 0 && ordinal < values.length ? values[ordinal] : otherwise();
  const kind = plan.kinds[index];
  const slug = plan.projects[index].length
    ? projects.slugs[plan.projects[index][0]]
    : 'organization';
  const ids = subIds(context, index);
  const createdMs = timeWithinLife(
    context,
    0.55 + (0.4 * (index + 1)) / (plan.count + 1),
  );
  const creator = workflowCreatorIndex(sources, index);

  const isIssue = kind === 'issue';
  const triggerLogic = isIssue
    ? fixed(TRIGGER_LOGIC, () =>
        random.weighted<LogicType>([
          ['any-short', 65],
          ['all', 30],
          ['none', 5],
        ]),
      )
    : 'any-short';
  const triggerConditions = isIssue
    ? random
        .distinct(random.int(1, 3), TRIGGER_CONDITIONS.length)
        .map(position =>
          condition(TRIGGER_CONDITIONS[position], ids.next(), random),
        )
    : [
        {
          id: ids.next(),
          type: 'issue_priority_greater_or_equal',
          comparison: 75,
          conditionResult: true,
        },
      ];
  const filterGroups = fixed([1, 1, 0], () =>
    random.weighted([
      [0, 10],
      [1, 85],
      [2, 5],
    ]),
  );
  const actionFilters: DataConditionGroupJson[] = Array.from(
    { length: filterGroups },
    () => ({
      id: ids.next(),
      organizationId: context.id,
      logicType: random.weighted<LogicType>([
        ['all', 60],
        ['any-short', 30],
        ['none', 10],
      ]),
      conditions: random
        .distinct(random.int(0, 2), FILTER_CONDITIONS.length)
        .map(position =>
          condition(FILTER_CONDITIONS[position], ids.next(), random),
        ),
      actions: random
        .distinct(random.int(1, 2), ACTIONS.length)
        .map(position =>
          action(ACTIONS[position], ids.next(), random, context, teams.ids),
        ),
    }),
  );

  const ownerTeam = teams.ids.length ? random.pick(teams.ids) : undefined;
  const ownerRoll = random.float();
  return {
    id: workflowId(context, index),
    name: workflowName(kind, slug, ordinal, random),
    organizationId: context.id,
    createdBy:
      creator === null ? null : memberTraits(context, creator).person.userId,
    dateCreated: isoWithMicros(createdMs, random),
    dateUpdated: isoWithMicros(createdMs + random.int(0, 90) * DAY_MS, random),
    triggers: {
      id: ids.next(),
      organizationId: context.id,
      logicType: triggerLogic,
      conditions: triggerConditions,
      actions: [],
    },
    actionFilters,
    environment: fixed([null, 'production', null, 'staging'], () =>
      random.weighted<string | null>([
        [null, 55],
        [ENVIRONMENTS[0], 35],
        [ENVIRONMENTS[1], 10],
      ]),
    ),
    config: { frequency: fixed(FREQUENCIES, () => random.pick(FREQUENCIES)) },
    detectorIds: plan.detectors[index].map(detector =>
      detectorId(context, detector),
    ),
    enabled: ordinal === 1 ? false : random.chance(0.92),
    lastTriggered: random.chance(0.4)
      ? null
      : isoWithMicros(
          REFERENCE_TIME_MS - random.int(1, 60 * 24 * 60) * 60_000,
          random,
        ),
    owner: workflowOwner(context, ownerRoll, ownerTeam, creator),
  };
}

/** A workflow's owner: its team's, its creator's, or none, by `ownerRoll`. */
function workflowOwner(
  context: OrganizationContext,
  ownerRoll: number,
  ownerTeam: string | undefined,
  creator: number | null,
): string | null {
  if (ownerRoll < 0.4 && ownerTeam) return `team:${ownerTeam}`;
  if (ownerRoll < 0.6 && creator !== null)
    return `user:${memberTraits(context, creator).person.userId}`;
  return null;
}

/** Ids of a workflow's groups, conditions and actions: unique, derived from the workflow index. */
function subIds(
  context: OrganizationContext,
  workflow: number,
): { next(): string } {
  let offset = 0;
  return {
    next: () =>
      stringId('dataCondition', context.index, workflow * 16 + offset++),
  };
}
