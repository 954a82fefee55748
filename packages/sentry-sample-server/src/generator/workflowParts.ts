import type { DataConditionJson, WorkflowActionJson } from '../types/alertJson';
import { ACTIONS, type ActionSpec, type ConditionSpec } from './alertCatalog';
import { stringId } from './ids';
import { memberTraits } from './members';
import type { OrganizationContext } from './organizationContext';
import type { Random } from './random';
import type { WorkflowKind } from './workflowPlan';

/** Pieces of a workflow: its name, its conditions and its actions. */

export function workflowName(
  kind: WorkflowKind,
  slug: string,
  ordinal: number,
  random: Random,
): string {
  switch (kind) {
    case 'metric':
      return `Metric alert: error count above threshold (${slug})`;
    case 'uptime':
      return `Uptime monitor: ${slug}.example.com is down`;
    case 'cron':
      return `Cron monitor: nightly-${slug} missed a check-in`;
    case 'detached':
      return 'Draft alert (no monitors connected)';
    default:
      if (ordinal === 5) return `Alerte Ünïcode 🚨 ${slug}`;
      return random.pick([
        `Notify on new issues in ${slug}`,
        `High priority issues — ${slug}`,
        `Regressions in ${slug}`,
        `Error spike in ${slug}`,
        `Page on-call for ${slug}`,
        `Send a notification for high priority issues (${slug})`,
      ]);
  }
}

export function condition(
  spec: ConditionSpec,
  id: string,
  random: Random,
): DataConditionJson {
  return {
    id,
    type: spec.type,
    comparison: spec.comparison(random),
    conditionResult: true,
  };
}

export function action(
  spec: ActionSpec,
  id: string,
  random: Random,
  context: OrganizationContext,
  teamIds: readonly string[],
): WorkflowActionJson {
  // One installed integration per provider and organization.
  const integrationId = spec.integration
    ? stringId('action', context.index, 9_000_000 + ACTIONS.indexOf(spec))
    : null;
  switch (spec.type) {
    case 'email': {
      const picked = random.pick(['issue_owners', 'team', 'user']);
      let target: string | null = null;
      if (picked === 'team' && teamIds.length) target = random.pick(teamIds);
      else if (picked === 'user')
        target = memberTraits(context, 0).person.userId;
      const targetType = target ? picked : 'issue_owners';
      return {
        id,
        type: 'email',
        integrationId,
        data:
          targetType === 'issue_owners'
            ? { fallthroughType: 'ActiveMembers' }
            : {},
        config: { targetType, targetDisplay: null, targetIdentifier: target },
        status: 'active',
      };
    }
    case 'slack':
      return {
        id,
        type: 'slack',
        integrationId,
        data: { tags: '', notes: '' },
        config: {
          targetType: 'specific',
          targetDisplay: '#alerts',
          targetIdentifier: 'C0ALERTS1',
        },
        status: 'active',
      };
    case 'webhook':
      return {
        id,
        type: 'webhook',
        integrationId: null,
        data: {},
        config: {
          targetType: 'specific',
          targetDisplay: 'webhooks',
          targetIdentifier: 'webhooks',
        },
        status: 'active',
      };
    default:
      return {
        id,
        type: spec.type,
        integrationId,
        data: spec.type === 'pagerduty' ? { priority: 'critical' } : {},
        config: {
          targetType: 'specific',
          targetDisplay: 'On-call',
          targetIdentifier: '1001',
        },
        status: 'active',
      };
  }
}
