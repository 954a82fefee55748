/*
 * The Cypher behind the catalog part of /summary (catalogSummary.ts): the
 * catalog joined to Sentry, and the findings only the two together answer.
 * Each finding is one CALL yielding one row, sorted once, counted and cut
 * to ITEM_LIMIT from that one pass, as the organizations' findings are.
 */
import type { CatalogFinding } from '@sentry-graph/plugin-sentry-graph-common';
import { KIND_LABELS } from './catalogSchema';
import { ITEM_LIMIT } from './summaryCypher';

const { component, group, user } = KIND_LABELS;

/** Entity items: their ref is the id, for a link to their page in the portal. */
const entityItem = (v: string, extra = '') =>
  `{id: ${v}.id, entityRef: ${v}.id, name: coalesce(${v}.title, ${v}.name)${extra}}`;

const FINDINGS: Record<CatalogFinding, string> = {
  // Among the component types that should report to Sentry ($componentTypes).
  componentsWithoutSentryProject: `
    MATCH (n:${component}) WHERE n.type IN $componentTypes
      AND NOT EXISTS { (n)-[:HAS_SENTRY_PROJECT]->() }
    WITH n ORDER BY n.id
    WITH count(n) AS count, collect(n)[..${ITEM_LIMIT}] AS first
    RETURN {count: count, items: [x IN first | ${entityItem('x')}]} AS result`,
  projectsWithoutEntity: `
    MATCH (o:SentryOrganization)-[:RESOURCE]->(n:SentryProject)
    WHERE NOT EXISTS { (n)<-[:HAS_SENTRY_PROJECT]-() }
    WITH o, n ORDER BY o.slug, n.slug, n.id
    WITH count(n) AS count, collect({o: o, n: n})[..${ITEM_LIMIT}] AS first
    RETURN {count: count, items: [x IN first |
      {id: x.n.id, name: x.n.name, slug: x.n.slug, organization: x.o.slug}]} AS result`,
  annotationsPointingNowhere: `
    MATCH (n:BackstageEntity) WHERE n.sentry_project IS NOT NULL
      AND NOT EXISTS { (n)-[:HAS_SENTRY_PROJECT]->() }
    WITH n ORDER BY n.id
    WITH count(n) AS count, collect(n)[..${ITEM_LIMIT}] AS first
    RETURN {count: count, items: [x IN first | ${entityItem('x', ', slug: x.sentry_project')}]} AS result`,
  // The owner is no group with a Sentry team that is on the entity's project.
  componentsWhoseOwnerLacksTheTeam: `
    MATCH (n:BackstageEntity)-[:HAS_SENTRY_PROJECT]->(p:SentryProject)
    WHERE NOT EXISTS {
      (n)-[:OWNED_BY]->(:${group})-[:HAS_SENTRY_TEAM]->(:SentryTeam)<-[:HAS_TEAM]-(p)
    }
    WITH DISTINCT n ORDER BY n.id
    WITH count(n) AS count, collect(n)[..${ITEM_LIMIT}] AS first
    RETURN {count: count, items: [x IN first | ${entityItem('x')}]} AS result`,
  // ADMIN_OF covers owners, managers and team admins alike.
  groupMembersAdminWithout2fa: `
    MATCH (g:${group})-[:HAS_SENTRY_TEAM]->(:SentryTeam)
    MATCH (n:${user})-[:MEMBER_OF_GROUP]->(g)
    MATCH (n)-[:HAS_SENTRY_ACCOUNT]->(m:SentryUser)
    WHERE m.has_2fa = false AND EXISTS { (m)-[:ADMIN_OF]->() }
    WITH DISTINCT n ORDER BY n.id
    WITH count(n) AS count, collect(n)[..${ITEM_LIMIT}] AS first
    RETURN {count: count, items: [x IN first | ${entityItem('x', ', email: x.email')}]} AS result`,
};

export const CATALOG_FINDINGS_QUERY = [
  ...Object.entries(FINDINGS).map(
    ([key, body]) => `CALL () {${body.replace(/AS result$/, `AS ${key}`)}\n}`,
  ),
  `RETURN ${Object.keys(FINDINGS).join(', ')}`,
].join('\n');

export const CATALOG_COUNTS = `
CALL () { MATCH (n:BackstageEntity) RETURN count(n) AS entities }
CALL () { MATCH (n:${component}) RETURN count(n) AS components,
  count(CASE WHEN EXISTS { (n)-[:HAS_SENTRY_PROJECT]->() } THEN 1 END) AS componentsWithSentryProject }
CALL () { MATCH (n:${group}) RETURN count(n) AS groups,
  count(CASE WHEN EXISTS { (n)-[:HAS_SENTRY_TEAM]->() } THEN 1 END) AS groupsWithSentryTeam }
CALL () { MATCH (n:${user}) RETURN count(n) AS users,
  count(CASE WHEN EXISTS { (n)-[:HAS_SENTRY_ACCOUNT]->() } THEN 1 END) AS usersWithSentryAccount }
RETURN entities, components, componentsWithSentryProject, groups, groupsWithSentryTeam,
       users, usersWithSentryAccount`;
