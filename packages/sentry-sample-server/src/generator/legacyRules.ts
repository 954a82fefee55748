import type {
  DataConditionJson,
  LegacyRuleComponentJson,
  LegacyRuleJson,
  LogicType,
  WorkflowActionJson,
  WorkflowJson,
} from '../types/alertJson';
import { actionSpec, conditionSpec } from './alertCatalog';
import { stringId } from './ids';
import { memberTraits } from './members';
import {
  isoWithMicros,
  itemRandom,
  timeWithinLife,
} from './organizationContext';
import {
  type WorkflowSources,
  workflowCreatorIndex,
  workflowJson,
} from './workflows';

/*
 * The legacy /rules/ view of the same alerts. Each single-project issue alert is the migrated
 * form of a legacy rule (with its own, older rule id); a few projects also keep a rule that was
 * never migrated (self-hosted#4452), which only the legacy endpoint shows.
 */

/**
 * Project slug → its legacy rules, -id order. Each entry is a getter that builds the rules when
 * read, so the XL data set (tens of thousands of rules) costs nothing until a project is asked for.
 */
export function legacyRulesRecord(
  sources: WorkflowSources,
): Record<string, ReadonlyArray<LegacyRuleJson>> {
  const record: Record<string, ReadonlyArray<LegacyRuleJson>> = {};
  const { projects, plan, context } = sources;
  for (let project = 0; project < projects.slugs.length; project++) {
    const migrated = plan.singleProjectRules.get(project) ?? [];
    const unmigrated =
      itemRandom(context, 'unmigrated-rule', project).chance(0.05) ||
      project === 0;
    if (migrated.length === 0 && !unmigrated) continue;
    Object.defineProperty(record, projects.slugs[project], {
      enumerable: true,
      get: () => {
        const rules = migrated.map(workflow =>
          legacyRuleFromWorkflow(sources, workflow, project),
        );
        if (unmigrated) rules.push(unmigratedRule(sources, project));
        return rules.sort((a, b) => Number(b.id) - Number(a.id));
      },
    });
  }
  return record;
}

const fromLogic = (logic: LogicType | undefined): 'any' | 'all' | 'none' => {
  if (logic === undefined) return 'all';
  if (logic === 'any-short' || logic === 'any') return 'any';
  return logic;
};

function legacyRuleFromWorkflow(
  sources: WorkflowSources,
  workflow: number,
  project: number,
): LegacyRuleJson {
  const json: WorkflowJson = workflowJson(sources, workflow);
  const creator = workflowCreatorIndex(sources, workflow);
  const firstFilter = json.actionFilters[0];
  return {
    id: stringId('legacyRule', sources.context.index, workflow),
    name: json.name,
    dateCreated: json.dateCreated,
    actionMatch: fromLogic(json.triggers?.logicType),
    filterMatch: fromLogic(firstFilter?.logicType),
    frequency: json.config.frequency ?? 0,
    environment: json.environment,
    status: json.enabled ? 'active' : 'disabled',
    conditions: (json.triggers?.conditions ?? []).map(legacyCondition),
    filters: (firstFilter?.conditions ?? []).map(legacyCondition),
    actions: json.actionFilters
      .flatMap(group => group.actions)
      .map(legacyAction),
    owner: json.owner,
    createdBy: creator === null ? null : createdBy(sources, creator),
    projects: [sources.projects.slugs[project]],
    snooze: false,
  };
}

function unmigratedRule(
  sources: WorkflowSources,
  project: number,
): LegacyRuleJson {
  const random = itemRandom(sources.context, 'unmigrated-rule-json', project);
  const slug = sources.projects.slugs[project];
  return {
    id: stringId(
      'legacyRule',
      sources.context.index,
      sources.plan.count + project,
    ),
    name: `Legacy alert for ${slug} (not migrated)`,
    dateCreated: isoWithMicros(timeWithinLife(sources.context, 0.3), random),
    actionMatch: 'all',
    filterMatch: 'all',
    // Rules created with the default store no frequency; Sentry serves 30.
    ...(project === 0 ? {} : { frequency: 60 }),
    environment: null,
    status: 'active',
    conditions: [
      {
        id: 'sentry.rules.conditions.first_seen_event.FirstSeenEventCondition',
        name: 'A new issue is created',
      },
    ],
    filters: [],
    actions: [
      {
        id: 'sentry.mail.actions.NotifyEmailAction',
        targetType: 'IssueOwners',
        targetIdentifier: '',
        fallthroughType: 'ActiveMembers',
        name: 'Send a notification to IssueOwners and if none can be found then send a notification to ActiveMembers',
      },
    ],
    owner: null,
    createdBy: sources.context.sizes.members > 0 ? createdBy(sources, 0) : null,
    projects: [slug],
    snooze: random.chance(0.3),
  };
}

function createdBy(
  sources: WorkflowSources,
  member: number,
): LegacyRuleJson['createdBy'] {
  const { person } = memberTraits(sources.context, member);
  return { id: Number(person.userId), name: person.name, email: person.email };
}

function legacyCondition(
  condition: DataConditionJson,
): LegacyRuleComponentJson {
  const spec = conditionSpec(condition.type);
  if (!spec) return { id: condition.type, name: condition.type };
  return {
    id: spec.legacyId,
    ...spec.legacyFields(condition.comparison),
    name: spec.label(condition.comparison),
  };
}

const EMAIL_TARGETS: Record<string, string> = {
  issue_owners: 'IssueOwners',
  team: 'Team',
  user: 'Member',
};

function legacyAction(action: WorkflowActionJson): LegacyRuleComponentJson {
  const legacyId = actionSpec(action.type)?.legacyId ?? action.type;
  if (action.type === 'email') {
    const targetType =
      EMAIL_TARGETS[action.config.targetType ?? 'issue_owners'] ??
      'IssueOwners';
    return {
      id: legacyId,
      targetType,
      targetIdentifier: action.config.targetIdentifier ?? '',
      fallthroughType: 'ActiveMembers',
      name:
        targetType === 'IssueOwners'
          ? 'Send a notification to IssueOwners and if none can be found then send a notification to ActiveMembers'
          : `Send a notification to ${targetType}`,
    };
  }
  if (action.type === 'slack') {
    return {
      id: legacyId,
      workspace: action.integrationId,
      channel: action.config.targetDisplay,
      channel_id: action.config.targetIdentifier,
      tags: '',
      name: `Send a notification to the Slack workspace to ${action.config.targetDisplay}`,
    };
  }
  return {
    id: legacyId,
    service: action.config.targetIdentifier,
    name: `Send a notification via ${action.type}`,
  };
}
