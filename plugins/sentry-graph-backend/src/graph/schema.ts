/*
 * The graph contract (docs/graph-schema.md) written once, as data: labels,
 * ids, the Sentry field behind every property, and the relationships.
 * Labels and property names are a public interface: never rename one.
 */
import type {
  SentryMember,
  SentryOrganization,
  SentryProject,
  SentryRelease,
  SentryTeam,
} from '../sentry/schemas';
import { defineNode, defineRelationship, type NodeChanges } from './spec';

/**
 * The version of what a full run writes. Raise it when a change to the
 * schema (a new property, kind or relationship) leaves a graph written
 * before it incomplete in a way routine runs would not fill: the next
 * run of each organization is then a full one.
 */
export const GRAPH_SCHEMA_VERSION = 1;

export const organizationNode = defineNode<SentryOrganization>({
  label: 'SentryOrganization',
  extraLabels: ['Tenant'],
  id: o => o.id,
  properties: {
    name: o => o.name,
    slug: o => o.slug,
    status: o => o.status?.id,
    date_created: o => o.dateCreated,
    require_2fa: o => o.require2FA,
    is_early_adopter: o => o.isEarlyAdopter,
  },
});

export const teamNode = defineNode<SentryTeam>({
  label: 'SentryTeam',
  extraLabels: ['UserGroup'],
  id: t => t.id,
  properties: {
    name: t => t.name,
    slug: t => t.slug,
    date_created: t => t.dateCreated,
    member_count: t => t.memberCount,
  },
  changes: { kind: 'team', name: 'slug', tracked: {} },
});

export const userNode = defineNode<SentryMember>({
  label: 'SentryUser',
  extraLabels: ['UserAccount'],
  // The membership id: one person is a separate account in each organization.
  id: m => m.id,
  properties: {
    email: m => m.email,
    name: m => m.name,
    role: m => m.orgRole ?? m.role,
    date_created: m => m.dateCreated,
    pending: m => m.pending,
    expired: m => m.expired,
    // Absent, not false, when Sentry has no user (a pending invite).
    has_2fa: m => m.user?.has2fa,
    sso_linked: m => m.flags?.['sso:linked'],
  },
  changes: {
    kind: 'member',
    name: 'email',
    // An owner added is a new owner: the card's first question.
    addedValue: 'role',
    tracked: {
      role: { change: 'role' },
      has_2fa: { change: '2fa', fromAbsent: false },
      sso_linked: { change: 'sso', fromAbsent: false },
      pending: {
        change: 'invite',
        shownAs: { true: 'pending', false: 'accepted' },
      },
      expired: {
        change: 'invite',
        fromAbsent: false,
        shownAs: { true: 'expired', false: 'pending' },
      },
    },
  },
});

export const projectNode = defineNode<SentryProject>({
  label: 'SentryProject',
  extraLabels: [],
  id: p => p.id,
  properties: {
    name: p => p.name,
    slug: p => p.slug,
    platform: p => p.platform,
    date_created: p => p.dateCreated,
    first_event: p => p.firstEvent,
  },
  changes: { kind: 'project', name: 'slug', tracked: {} },
});

/** A release as the graph sees it: versions repeat across organizations. */
export interface OrganizationRelease {
  organizationId: string;
  release: SentryRelease;
}

export function releaseId(organizationId: string, version: string): string {
  return `${organizationId}/${version}`;
}

export const releaseNode = defineNode<OrganizationRelease>({
  label: 'SentryRelease',
  extraLabels: [],
  id: r => releaseId(r.organizationId, r.release.version),
  properties: {
    version: r => r.release.version,
    short_version: r => r.release.shortVersion,
    // Sentry counts a release without a status as open.
    status: r => r.release.status ?? 'open',
    date_created: r => r.release.dateCreated,
    date_released: r => r.release.dateReleased,
    commit_count: r => r.release.commitCount,
    deploy_count: r => r.release.deployCount,
    new_groups: r => r.release.newGroups,
    ref: r => r.release.ref,
    url: r => r.release.url,
  },
  changes: {
    kind: 'release',
    name: 'version',
    counted: true,
    tracked: {
      status: {
        change: 'count',
        shownAs: { archived: 'archived', open: 'unarchived' },
      },
    },
  },
});

/** The API an alert rule was read from; Sentry gives one rule a new id in each. */
export type AlertRuleSource = 'workflow' | 'rule';

/** An issue alert rule, normalized from a workflow or a legacy rule. */
export interface AlertRuleRecord {
  id: string;
  source: AlertRuleSource;
  /** On Sentry's organization-wide issue detector: a rule for every project. */
  allProjects: boolean;
  name: string;
  dateCreated?: string | null;
  actionMatch?: string | null;
  filterMatch?: string | null;
  frequencySeconds?: number | null;
  environment?: string | null;
  status: 'active' | 'disabled' | string;
  projectSlug?: string | null;
}

export const alertRuleNode = defineNode<AlertRuleRecord>({
  label: 'SentryAlertRule',
  extraLabels: [],
  id: r => r.id,
  properties: {
    name: r => r.name,
    date_created: r => r.dateCreated,
    action_match: r => r.actionMatch,
    filter_match: r => r.filterMatch,
    frequency: r => r.frequencySeconds,
    environment: r => r.environment,
    status: r => r.status,
    project_slug: r => r.projectSlug,
    source: r => r.source,
    all_projects: r => r.allProjects,
  },
  changes: {
    kind: 'alertRule',
    name: 'name',
    tracked: {
      status: { change: 'status' },
      name: { change: 'changed' },
      action_match: { change: 'changed' },
      filter_match: { change: 'changed' },
      frequency: { change: 'changed' },
      environment: { change: 'changed' },
      all_projects: { change: 'changed' },
    },
  },
});

/** The ends of a relationship, by node id, plus its own properties. */
export interface Link {
  from: string;
  to: string;
  role?: string;
}

const noProperties = {};

export const memberOfRelationship = defineRelationship<Link>({
  type: 'MEMBER_OF',
  fromLabel: userNode.label,
  toLabel: teamNode.label,
  from: l => l.from,
  to: l => l.to,
  properties: { role: l => l.role },
  changes: {
    change: 'membership',
    value: 'role',
    tracked: { role: { change: 'team-role' } },
  },
});

export const adminOfRelationship = defineRelationship<Link>({
  type: 'ADMIN_OF',
  fromLabel: userNode.label,
  toLabel: teamNode.label,
  from: l => l.from,
  to: l => l.to,
  properties: noProperties,
});

export const hasTeamRelationship = defineRelationship<Link>({
  type: 'HAS_TEAM',
  fromLabel: projectNode.label,
  toLabel: teamNode.label,
  from: l => l.from,
  to: l => l.to,
  properties: noProperties,
  changes: { change: 'team', tracked: {} },
});

export const hasRuleRelationship = defineRelationship<Link>({
  type: 'HAS_RULE',
  fromLabel: projectNode.label,
  toLabel: alertRuleNode.label,
  from: l => l.from,
  to: l => l.to,
  properties: noProperties,
});

export const hasReleaseRelationship = defineRelationship<Link>({
  type: 'HAS_RELEASE',
  fromLabel: projectNode.label,
  toLabel: releaseNode.label,
  from: l => l.from,
  to: l => l.to,
  properties: noProperties,
});

/** Every label the organization owns through RESOURCE (and so cleans up). */
export const resourceNodes = [
  teamNode,
  userNode,
  projectNode,
  releaseNode,
  alertRuleNode,
] as const;

export const allNodes = [organizationNode, ...resourceNodes] as const;

/** How the change history records each label's nodes, by label. */
export const nodeChangesByLabel: ReadonlyMap<string, NodeChanges> = new Map(
  resourceNodes.flatMap(spec =>
    spec.changes ? [[spec.label, spec.changes] as const] : [],
  ),
);

/** Indexes beyond the id constraints: the summary's newest release per organization. */
export const propertyIndexes = [
  { label: releaseNode.label, property: 'date_created' },
] as const;
