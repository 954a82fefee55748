/*
 * JSON shapes of the workflow engine (workflows, detectors) and of the deprecated per-project
 * issue alert rules (see /work/shared/reference/sentry-workflows.md §1–§3 and sentry-api.md §3.6).
 */

export type LogicType = 'any' | 'any-short' | 'all' | 'none';

export interface DataConditionJson {
  id: string;
  type: string;
  /** true for simple conditions; an object (camelCased keys) for frequency/level/age/... conditions. */
  comparison: unknown;
  conditionResult: unknown;
}

export interface WorkflowActionJson {
  id: string;
  type: string;
  integrationId: string | null;
  data: Record<string, unknown>;
  config: {
    targetType: string | null;
    targetDisplay: string | null;
    targetIdentifier: string | null;
  } & Record<string, unknown>;
  status: string;
}

export interface DataConditionGroupJson {
  id: string;
  organizationId: string;
  logicType: LogicType;
  conditions: DataConditionJson[];
  actions: WorkflowActionJson[];
}

/** Item of GET /organizations/{org}/workflows/. All keys are always present. */
export interface WorkflowJson {
  id: string;
  name: string;
  organizationId: string;
  /** A user id string, or null. */
  createdBy: string | null;
  dateCreated: string;
  dateUpdated: string;
  triggers: DataConditionGroupJson | null;
  actionFilters: DataConditionGroupJson[];
  /** An environment name, or null for all environments. */
  environment: string | null;
  config: { frequency?: number } & Record<string, unknown>;
  detectorIds: string[];
  enabled: boolean;
  lastTriggered: string | null;
  /** `"user:<id>"`, `"team:<id>"` or null. */
  owner: string | null;
}

export type DetectorType =
  | 'issue_stream'
  | 'error'
  | 'metric_issue'
  | 'uptime_domain_failure'
  | 'monitor_check_in_failure';

export interface DetectorOwnerJson {
  type: 'user' | 'team';
  id: string;
  name: string;
  email?: string;
}

/** Item of GET /organizations/{org}/detectors/. */
export interface DetectorJson {
  id: string;
  projectId: string;
  name: string;
  description: string | null;
  /** One of DetectorType in generated data; other strings (performance detectors) are possible. */
  type: DetectorType | string;
  workflowIds: string[];
  owner: DetectorOwnerJson | null;
  createdBy: string | null;
  dateCreated: string;
  dateUpdated: string;
  dataSources: unknown[] | null;
  conditionGroup: DataConditionGroupJson | null;
  config: Record<string, unknown>;
  enabled: boolean;
  latestGroup: unknown | null;
  alertRuleId: number | null;
  ruleId: number | null;
}

export interface LegacyRuleComponentJson {
  id: string;
  name: string;
  [key: string]: unknown;
}

/** Item of the legacy GET /projects/{org}/{project}/rules/ (sentry-api.md §3.6). */
export interface LegacyRuleJson {
  id: string;
  name: string;
  dateCreated: string;
  actionMatch?: 'any' | 'all' | 'none';
  filterMatch?: 'any' | 'all' | 'none';
  /** Minutes. Absent in some stored rules: the listing then serves Sentry's default, 30. */
  frequency?: number;
  environment: string | null;
  /** Disabled rules are stored but not listed. */
  status: 'active' | 'disabled';
  conditions: LegacyRuleComponentJson[];
  filters: LegacyRuleComponentJson[];
  actions: LegacyRuleComponentJson[];
  owner: string | null;
  /** `id` is an integer here. */
  createdBy: { id: number; name: string; email: string } | null;
  projects: string[];
  snooze: boolean;
  lastTriggered?: string | null;
  snoozeForEveryone?: boolean;
  disableReason?: string;
  disableDate?: string;
  errors?: Array<{ detail: string }>;
}
