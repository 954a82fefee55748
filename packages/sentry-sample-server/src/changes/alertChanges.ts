import type {
  LegacyRuleChangedChange,
  WorkflowChangedChange,
  WorkflowRemovedChange,
} from '../types/sampleChange';
import type { WorkflowJson } from '../types/alertJson';
import { audit, type ChangeContext } from './audit';
import { SampleChangeError } from './organizationDraft';

/**
 * A workflow PUT: WorkflowValidator.update always ends with instance.update(), and
 * date_updated is auto_now, so dateUpdated moves whatever changed. `workflow.edit`.
 */
export function changeWorkflow(
  context: ChangeContext,
  change: WorkflowChangedChange,
): void {
  const { draft } = context;
  const workflow = draft.workflows.get(change.workflowId);
  if (!workflow)
    throw new SampleChangeError(`workflow ${change.workflowId} does not exist`);
  const changed: WorkflowJson = {
    ...workflow,
    name: change.name ?? workflow.name,
    enabled: change.enabled ?? workflow.enabled,
    config:
      change.frequency === undefined
        ? workflow.config
        : { ...workflow.config, frequency: change.frequency },
  };
  audit(context, 'workflow.edit', {
    targetObject: workflow.id,
    targetUser: null,
    data: { name: changed.name },
  });
  // The row's write time: the same moment as its audit entry.
  changed.dateUpdated =
    draft.auditEntries[draft.auditEntries.length - 1].dateCreated;
  draft.workflows.set(changed);
}

/**
 * A workflow DELETE (OrganizationWorkflowDetailsEndpoint): `workflow.remove` with
 * Workflow.get_audit_log_data(), the workflow scheduled for deletion, so gone from the
 * listing and its details at once, and its DetectorWorkflow rows with it: no detector names
 * it in workflowIds any more.
 */
export function removeWorkflow(
  context: ChangeContext,
  change: WorkflowRemovedChange,
): void {
  const { draft } = context;
  const workflow = draft.workflows.get(change.workflowId);
  if (!workflow)
    throw new SampleChangeError(`workflow ${change.workflowId} does not exist`);
  for (const detectorId of workflow.detectorIds) {
    const detector = draft.detectors.get(detectorId);
    if (detector?.workflowIds.includes(workflow.id))
      draft.detectors.set({
        ...detector,
        workflowIds: detector.workflowIds.filter(id => id !== workflow.id),
      });
  }
  draft.workflows.remove(workflow.id);
  audit(context, 'workflow.remove', {
    targetObject: workflow.id,
    targetUser: null,
    data: { name: workflow.name },
  });
}

/**
 * A legacy rule PUT: `rule.edit` with Rule.get_audit_log_data(). The Rule model has no
 * date_updated, so nothing in the rules listing says when it changed.
 */
export function changeLegacyRule(
  context: ChangeContext,
  change: LegacyRuleChangedChange,
): void {
  const { draft } = context;
  draft.project(change.project);
  const rules = draft.legacyRulesOf(change.project);
  const rule = rules.find(candidate => candidate.id === change.ruleId);
  if (!rule)
    throw new SampleChangeError(
      `legacy rule ${change.ruleId} does not exist in project ${change.project}`,
    );
  const changed = {
    ...rule,
    name: change.name ?? rule.name,
    frequency: change.frequency ?? rule.frequency,
  };
  draft.setLegacyRules(
    change.project,
    rules.map(candidate => (candidate === rule ? changed : candidate)),
  );
  audit(context, 'rule.edit', {
    targetObject: rule.id,
    targetUser: null,
    data: {
      label: changed.name,
      data: {
        action_match: changed.actionMatch ?? 'all',
        filter_match: changed.filterMatch ?? 'all',
        frequency: changed.frequency ?? 30,
        conditions: [...changed.conditions, ...changed.filters],
        actions: changed.actions,
      },
      status: changed.status === 'active' ? 0 : 1,
      environment: null,
    },
  });
}
