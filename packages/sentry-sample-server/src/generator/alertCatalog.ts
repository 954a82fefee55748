import type { Random } from './random';

/*
 * The conditions, filters and actions generated workflows use, with their legacy rule form
 * (sentry-workflows.md §3: migration_helpers/issue_alert_conditions.py and the rule serializer),
 * so a workflow and the legacy rule it came from describe the same alert.
 */

export interface ConditionSpec {
  type: string;
  legacyId: string;
  comparison: (random: Random) => unknown;
  /** Legacy extra keys (snake_case, as stored on the rule) derived from the comparison. */
  legacyFields: (comparison: unknown) => Record<string, unknown>;
  label: (comparison: unknown) => string;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : {};

/** Conditions of the "when" group (triggers). */
export const TRIGGER_CONDITIONS: readonly ConditionSpec[] = [
  simple(
    'first_seen_event',
    'sentry.rules.conditions.first_seen_event.FirstSeenEventCondition',
    'A new issue is created',
  ),
  simple(
    'regression_event',
    'sentry.rules.conditions.regression_event.RegressionEventCondition',
    'The issue changes state from resolved to unresolved',
  ),
  simple(
    'reappeared_event',
    'sentry.rules.conditions.reappeared_event.ReappearedEventCondition',
    'The issue changes state from archived to escalating',
  ),
  simple(
    'new_high_priority_issue',
    'sentry.rules.conditions.high_priority_issue.NewHighPriorityIssueCondition',
    'Sentry marks a new issue as high priority',
  ),
  simple(
    'existing_high_priority_issue',
    'sentry.rules.conditions.high_priority_issue.ExistingHighPriorityIssueCondition',
    'Sentry marks an existing issue as high priority',
  ),
  {
    type: 'event_frequency_count',
    legacyId: 'sentry.rules.conditions.event_frequency.EventFrequencyCondition',
    comparison: random => ({
      value: random.pick([10, 100, 1000]),
      interval: random.pick(['1m', '1h', '1d']),
    }),
    legacyFields: comparison => ({
      ...asRecord(comparison),
      comparisonType: 'count',
    }),
    label: comparison =>
      `The issue is seen more than ${asRecord(comparison).value} times in ${asRecord(comparison).interval}`,
  },
  {
    type: 'event_unique_user_frequency_count',
    legacyId:
      'sentry.rules.conditions.event_frequency.EventUniqueUserFrequencyCondition',
    comparison: random => ({
      value: random.pick([5, 50, 500]),
      interval: random.pick(['1h', '1d']),
      filters: [],
    }),
    legacyFields: comparison => ({
      value: asRecord(comparison).value,
      interval: asRecord(comparison).interval,
      comparisonType: 'count',
    }),
    label: comparison =>
      `The issue is seen by more than ${asRecord(comparison).value} users in ${asRecord(comparison).interval}`,
  },
];

/** Conditions of the if/then groups (actionFilters). */
export const FILTER_CONDITIONS: readonly ConditionSpec[] = [
  {
    type: 'level',
    legacyId: 'sentry.rules.filters.level.LevelFilter',
    comparison: random => ({ match: 'gte', level: random.pick([30, 40, 50]) }),
    legacyFields: comparison => ({
      match: 'gte',
      level: String(asRecord(comparison).level),
    }),
    label: comparison =>
      `The event's level is greater than or equal to ${({ 30: 'warning', 40: 'error', 50: 'fatal' } as Record<string, string>)[String(asRecord(comparison).level)]}`,
  },
  {
    type: 'tagged_event',
    legacyId: 'sentry.rules.filters.tagged_event.TaggedEventFilter',
    comparison: random => ({
      key: random.pick(['environment', 'browser.name', 'customer_tier']),
      match: 'eq',
      value: random.pick(['enterprise', 'Chrome', 'production']),
    }),
    legacyFields: comparison => asRecord(comparison),
    label: comparison =>
      `The event's tags match ${asRecord(comparison).key} equals ${asRecord(comparison).value}`,
  },
  {
    type: 'age_comparison',
    legacyId: 'sentry.rules.filters.age_comparison.AgeComparisonFilter',
    comparison: random => ({
      comparisonType: 'older',
      value: random.pick([1, 10, 30]),
      time: random.pick(['hour', 'day']),
    }),
    legacyFields: comparison => ({
      comparison_type: asRecord(comparison).comparisonType,
      value: asRecord(comparison).value,
      time: asRecord(comparison).time,
    }),
    label: comparison =>
      `The issue is older than ${asRecord(comparison).value} ${asRecord(comparison).time}`,
  },
  {
    type: 'issue_category',
    legacyId: 'sentry.rules.filters.issue_category.IssueCategoryFilter',
    comparison: () => ({ value: 1 }),
    legacyFields: () => ({ value: '1' }),
    label: () => "The issue's category is equal to Error",
  },
];

function simple(type: string, legacyId: string, text: string): ConditionSpec {
  return {
    type,
    legacyId,
    comparison: () => true,
    legacyFields: () => ({}),
    label: () => text,
  };
}

export interface ActionSpec {
  type: string;
  legacyId: string;
  integration: boolean;
}

export const ACTIONS: readonly ActionSpec[] = [
  {
    type: 'email',
    legacyId: 'sentry.mail.actions.NotifyEmailAction',
    integration: false,
  },
  {
    type: 'slack',
    legacyId:
      'sentry.integrations.slack.notify_action.SlackNotifyServiceAction',
    integration: true,
  },
  {
    type: 'pagerduty',
    legacyId:
      'sentry.integrations.pagerduty.notify_action.PagerDutyNotifyServiceAction',
    integration: true,
  },
  {
    type: 'msteams',
    legacyId:
      'sentry.integrations.msteams.notify_action.MsTeamsNotifyServiceAction',
    integration: true,
  },
  {
    type: 'opsgenie',
    legacyId:
      'sentry.integrations.opsgenie.notify_action.OpsgenieNotifyTeamAction',
    integration: true,
  },
  {
    type: 'webhook',
    legacyId:
      'sentry.rules.actions.notify_event_service.NotifyEventServiceAction',
    integration: false,
  },
];

export function conditionSpec(type: string): ConditionSpec | undefined {
  return [...TRIGGER_CONDITIONS, ...FILTER_CONDITIONS].find(
    spec => spec.type === type,
  );
}

export function actionSpec(type: string): ActionSpec | undefined {
  return ACTIONS.find(spec => spec.type === type);
}
