/*
 * What runs read and stamp in the graph of the runs before them
 * (docs/routine-runs.md):
 * the organization's sync state, the stored values a listing's items are
 * compared with, how many items each listing gave, and when each team's
 * member listing was last read. Labels
 * and property names come from the schema; values travel as parameters.
 */
import { quote } from './cypher';
import {
  memberOfRelationship,
  projectNode,
  releaseNode,
  teamNode,
  userNode,
} from './schema';
import type { NodeSpec } from './spec';

/** Bookkeeping properties on SentryOrganization (docs/graph-schema.md, "Sync state for routine runs"). */
export const ORGANIZATION_SYNC_STATE = {
  /** The update tag of the last full run whose listings of the organization all completed. */
  fullSynced: 'full_synced',
  /** The graph schema version that run wrote (GRAPH_SCHEMA_VERSION). */
  schemaVersion: 'sync_schema',
  /** The update tag of the last run whose alert rules listing completed. */
  alertRulesListed: 'alert_rules_listed',
  /** Where that run read the alert rules from: workflows or rules. */
  alertRulesSource: 'alert_rules_source',
  /**
   * The update tag of the last routine run that read the audit log and
   * every team member listing its entries named: the next read starts there.
   */
  auditLogRead: 'audit_log_read',
} as const;

/** On SentryTeam: the update tag of the run that last read its member listing whole. */
export const TEAM_MEMBERS_LISTED = 'members_listed';
/**
 * On SentryTeam: its `memberCount` when that listing was read. A routine
 * run compares Sentry's count with this, not with `member_count`, which
 * the teams listing rewrites even when the member listing then fails.
 */
export const TEAM_MEMBERS_LISTED_COUNT = 'members_listed_count';

/** The properties routine runs keep on nodes: the sync's state, no Sentry data. */
export const ROUTINE_BOOKKEEPING: readonly string[] = [
  ...Object.values(ORGANIZATION_SYNC_STATE),
  TEAM_MEMBERS_LISTED,
  TEAM_MEMBERS_LISTED_COUNT,
];

const S = ORGANIZATION_SYNC_STATE;

export const readSyncStateStatement = [
  'MATCH (o:SentryOrganization {id: $organizationId})',
  `RETURN o.${S.fullSynced} AS fullSynced, o.${S.schemaVersion} AS schemaVersion,`,
  `  o.${S.alertRulesListed} AS alertRulesListed, o.${S.alertRulesSource} AS alertRulesSource,`,
  `  o.${S.auditLogRead} AS auditLogRead`,
].join('\n');

export const markFullSyncedStatement = [
  'MATCH (o:SentryOrganization {id: $organizationId})',
  `SET o.${S.fullSynced} = $updateTag, o.${S.schemaVersion} = $schemaVersion`,
].join('\n');

export const markAlertRulesListedStatement = [
  'MATCH (o:SentryOrganization {id: $organizationId})',
  `SET o.${S.alertRulesListed} = $updateTag, o.${S.alertRulesSource} = $source`,
].join('\n');

export const markAuditLogReadStatement = [
  'MATCH (o:SentryOrganization {id: $organizationId})',
  `SET o.${S.auditLogRead} = $updateTag`,
].join('\n');

const LISTED_LABELS = [userNode, teamNode, projectNode, releaseNode].map(
  node => node.label,
);

/**
 * How many of each listing's items the graph holds for the organization
 * (releases by status): the size each listing is expected to have.
 */
export const listingSizesStatement = [
  'MATCH (:SentryOrganization {id: $organizationId})-[:RESOURCE]->(n)',
  `WITH [label IN labels(n) WHERE label IN ${JSON.stringify(LISTED_LABELS)}][0] AS label, n`,
  'WHERE label IS NOT NULL',
  `RETURN label, CASE WHEN label = ${JSON.stringify(releaseNode.label)} THEN coalesce(n.status, 'open') END AS status, count(*) AS count`,
].join('\n');

/** Each team of the organization: its stored member count and when its members were last listed. */
export const storedTeamsStatement = [
  `MATCH (:SentryOrganization {id: $organizationId})-[:RESOURCE]->(t:${quote(teamNode.label)})`,
  `RETURN t.id AS id, t.${TEAM_MEMBERS_LISTED_COUNT} AS listedCount, t.${TEAM_MEMBERS_LISTED} AS membersListed`,
].join('\n');

/** $teams: [{id, memberCount}], the teams whose member listing this run read whole. */
export const markTeamMembersListedStatement = [
  'UNWIND $teams AS team',
  `MATCH (t:${quote(teamNode.label)} {id: team.id})`,
  `SET t.${TEAM_MEMBERS_LISTED} = $updateTag, t.${TEAM_MEMBERS_LISTED_COUNT} = team.memberCount`,
].join('\n');

/** The organization's members as stored: what decides their team roles. */
export const storedMemberRolesStatement = [
  `MATCH (:SentryOrganization {id: $organizationId})-[:RESOURCE]->(u:${quote(userNode.label)})`,
  'RETURN u.id AS id, u.role AS role, u.pending AS pending',
].join('\n');

/** The teams these members belong to, as stored. */
export const teamsOfMembersStatement = [
  `MATCH (u:${quote(userNode.label)})-[:${quote(memberOfRelationship.type)}]->(t:${quote(teamNode.label)})`,
  'WHERE u.id IN $memberIds',
  'RETURN DISTINCT t.id AS id',
].join('\n');

/**
 * The ids of a batch (NodeColumns) whose node exists with every property of
 * the spec equal to the batch's value, null to absent: nothing there for a
 * write to change.
 */
export function unchangedNodesStatement(spec: NodeSpec<never>): string {
  const equal = Object.keys(spec.properties).map(name => {
    const stored = `n.${quote(name)}`;
    const listed = `$props.${quote(name)}[i]`;
    return `coalesce(${stored} = ${listed}, ${stored} IS NULL AND ${listed} IS NULL)`;
  });
  return [
    'UNWIND range(0, size($ids) - 1) AS i',
    `MATCH (n:${quote(spec.label)} {id: $ids[i]})`,
    ...(equal.length > 0 ? [`WHERE ${equal.join('\n  AND ')}`] : []),
    'RETURN n.id AS id',
  ].join('\n');
}
