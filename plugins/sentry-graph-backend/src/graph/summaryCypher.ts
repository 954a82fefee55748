/*
 * The Cypher behind readGraphSummary (summary.ts), sized for the XL data set
 * (20,000 members, 2,000 teams, 10,000 projects, 500,000 releases in one
 * organization). Every statement is scoped through
 * (o:SentryOrganization)-[:RESOURCE]->(n), the ownership cleanup uses too.
 * Labels and conditions are our own constants; values travel as parameters.
 */
import {
  LISTED_FINDINGS,
  type ListedFinding,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { LinkedLabel } from './sentryLinks';

export const ITEM_LIMIT = 20;

/**
 * Each list finding: the owned label it looks at and the condition on `n`.
 * Flags are compared with `= false` / `NOT coalesce(…, false)` on purpose: an
 * absent property (Neo4j has no nulls) must neither match `false` nor exclude
 * a node.
 */
const FINDINGS: Record<ListedFinding, { label: LinkedLabel; where: string }> = {
  // Pending invites have no user, hence no has_2fa; the pending test guards old data.
  membersWithout2fa: {
    label: 'SentryUser',
    where: 'n.has_2fa = false AND NOT coalesce(n.pending, false)',
  },
  pendingInvites: {
    label: 'SentryUser',
    where: 'n.pending = true AND NOT coalesce(n.expired, false)',
  },
  expiredInvites: { label: 'SentryUser', where: 'n.expired = true' },
  // A pending owner invite (not yet accepted) holds no power yet: it is listed under invites.
  ownersAndManagers: {
    label: 'SentryUser',
    where: "n.role IN ['owner', 'manager'] AND NOT coalesce(n.pending, false)",
  },
  // Untyped far ends: Neo4j then reads the node's degree instead of walking edges.
  teamsWithoutMembers: {
    label: 'SentryTeam',
    where: 'NOT EXISTS { (n)<-[:MEMBER_OF]-() }',
  },
  // ADMIN_OF would always include every owner and manager, making this finding
  // empty in any real organization; the question is whether someone who joined
  // the team administers it, i.e. an effective team role of admin.
  teamsWithoutAdmin: {
    label: 'SentryTeam',
    where: "NOT EXISTS { (n)<-[:MEMBER_OF {role: 'admin'}]-() }",
  },
  projectsWithoutTeam: {
    label: 'SentryProject',
    where: 'NOT EXISTS { (n)-[:HAS_TEAM]->() }',
  },
  projectsWithoutAlertRules: {
    label: 'SentryProject',
    where: 'NOT EXISTS { (n)-[:HAS_RULE]->() }',
  },
  // The "no HAS_RULE at all" finding above misses these, yet nothing alerts on them either.
  projectsWithOnlyDisabledAlertRules: {
    label: 'SentryProject',
    where:
      'EXISTS { (n)-[:HAS_RULE]->() } AND ' +
      "NOT EXISTS { (n)-[:HAS_RULE]->(r:SentryAlertRule) WHERE r.status <> 'disabled' }",
  },
  disabledAlertRules: {
    label: 'SentryAlertRule',
    where: "n.status = 'disabled'",
  },
};

export const ORGANIZATIONS = `
MATCH (o:SentryOrganization)
WHERE $slug IS NULL OR o.slug = $slug
RETURN o.id AS id, o.slug AS slug, o.name AS name,
       o.require_2fa AS require2fa, o.lastupdated AS lastUpdated
ORDER BY o.slug, o.id`;

/*
 * Why every owned-label match says `USING SCAN`: the organization's RESOURCE
 * edges are dominated by releases (500,000 of 532,000 in XL), so expanding
 * them to find 2,000 teams reads everything. Scanning the label and checking
 * the one incoming RESOURCE edge of each node (Expand(Into), from the cheap
 * side) reads only that label. The planner picks either way by average
 * degrees, which mislead when one organization is huge; the hint pins the
 * plan. Cost grows with the label across all organizations in the graph, but
 * a deployment syncs one Sentry installation: usually a handful of
 * organizations, rarely several huge ones.
 */
const owned = (label: string) =>
  `MATCH (o)-[:RESOURCE]->(n:${label}) USING SCAN n:${label}`;

/*
 * Node and relationship counts in one pass per owned label. Relationships are
 * counted from their start node, which the organization owns: the sync only
 * ever links nodes of one organization's listings (ids are unique per Sentry
 * installation). Leaving the far end untyped lets Neo4j answer each count from
 * the node's degree (O(1) on dense nodes) rather than walking, for instance,
 * the 2.8 million ADMIN_OF edges of XL's owners and managers. RESOURCE is the
 * organization's own degree; releases are the one count that has to walk the
 * organization's RESOURCE edges (about 0.2 s for XL).
 */
export const COUNTS = `
MATCH (o:SentryOrganization {id: $organizationId})
CALL (o) {
  ${owned('SentryUser')}
  RETURN count(n) AS users,
         sum(COUNT { (n)-[:MEMBER_OF]->() }) AS memberOf,
         sum(COUNT { (n)-[:ADMIN_OF]->() }) AS adminOf
}
CALL (o) {
  ${owned('SentryProject')}
  RETURN count(n) AS projects,
         sum(COUNT { (n)-[:HAS_TEAM]->() }) AS hasTeam,
         sum(COUNT { (n)-[:HAS_RULE]->() }) AS hasRule,
         sum(COUNT { (n)-[:HAS_RELEASE]->() }) AS hasRelease
}
CALL (o) { ${owned('SentryTeam')} RETURN count(n) AS teams }
CALL (o) { ${owned('SentryAlertRule')} RETURN count(n) AS rules }
CALL () { MATCH (r:SentryRelease) RETURN count(r) AS allReleases }
RETURN COUNT { (o)-[:RESOURCE]->() } AS resource,
       COUNT { (o)-[:RESOURCE]->(:SentryRelease) } AS releases,
       users, memberOf, adminOf, projects, hasTeam, hasRule, hasRelease, teams, rules, allReleases`;

/*
 * All list findings in one round trip, one CALL per finding, each yielding a
 * single row (no cartesian growth). Within a finding, the matches are sorted
 * once and both counted and cut to ITEM_LIMIT from that one pass; collecting
 * node references (not maps) keeps that cheap even for 20,000 members.
 */
const findingCall = (key: ListedFinding): string => {
  const { label, where } = FINDINGS[key];
  return `CALL (o) {
  ${owned(label)}
  WHERE ${where}
  WITH n ORDER BY n.name, n.slug, n.email, n.id
  WITH count(n) AS count, collect(n)[..${ITEM_LIMIT}] AS first
  RETURN {count: count, items: [x IN first | x {.id, .name, .slug, .email, .project_slug, .source}]} AS ${key}
}`;
};

export const FINDING_KEYS = LISTED_FINDINGS;

/** The label a finding lists, which decides where its items link to. */
export const findingLabel = (key: ListedFinding): LinkedLabel =>
  FINDINGS[key].label;

export const FINDINGS_QUERY = `
MATCH (o:SentryOrganization {id: $organizationId})
${FINDING_KEYS.map(findingCall).join('\n')}
RETURN ${FINDING_KEYS.join(', ')}`;

/*
 * The newest release, two ways, because no single plan suits every
 * organization (a cached plan cannot see whose releases these are).
 * ISO 8601 strings from Sentry (UTC, 'Z') sort as text in time order.
 *
 * - byIndex: the SentryRelease(date_created) index (created by SentryGraphStore.ensureSchema from the schema's propertyIndexes)
 *   hands releases over newest first and the walk stops at the first one the
 *   organization owns: a handful of index entries instead of reading and
 *   sorting 500,000 (XL: 9 db hits instead of 2.2 million). `IS NOT NULL` is
 *   what lets the planner use the index for the order. It walks past every
 *   newer release of other organizations, so it is only used for an
 *   organization that owns most of the graph's releases; then the walk is
 *   never longer than the alternative.
 * - byExpansion: reads the organization's own RESOURCE edges and keeps the
 *   top one. `size(...) > 0` (a date is never empty) is a predicate the index
 *   cannot serve, so the planner does not walk other organizations' releases.
 */
const newestRelease = (predicate: string) => `
MATCH (o:SentryOrganization {id: $organizationId})-[:RESOURCE]->(r:SentryRelease)
WHERE ${predicate}
RETURN r.id AS id, r.version AS version, r.date_created AS dateCreated
ORDER BY r.date_created DESC, r.id DESC
LIMIT 1`;
export const NEWEST_RELEASE_BY_INDEX = newestRelease(
  'r.date_created IS NOT NULL',
);
export const NEWEST_RELEASE_BY_EXPANSION = newestRelease(
  'size(r.date_created) > 0',
);

/** The statements, for benchmarks and query-plan checks ($slug, $organizationId). */
export const SUMMARY_CYPHER = {
  organizations: ORGANIZATIONS,
  counts: COUNTS,
  findings: FINDINGS_QUERY,
  newestReleaseByIndex: NEWEST_RELEASE_BY_INDEX,
  newestReleaseByExpansion: NEWEST_RELEASE_BY_EXPANSION,
} as const;
