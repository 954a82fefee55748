/*
 * The Cypher behind one entity's card (entitySentryData.ts). Everything
 * starts at one BackstageEntity node (by its ref) and walks a few hops, so
 * these stay cheap on any graph size; lists are capped.
 */
import { KIND_LABELS } from './catalogSchema';

const { group, user } = KIND_LABELS;

export const ADMIN_LIMIT = 50;
export const PERSON_LIMIT = 100;

/** A Sentry member as a map; `entityRef` is its catalog user unless `extra` says otherwise. */
const person = (
  m: string,
  extra = `entityRef: head([(u:${user})-[:HAS_SENTRY_ACCOUNT]->(${m}) | u.id])`,
) =>
  `{id: ${m}.id, name: ${m}.name, email: ${m}.email, role: ${m}.role, has2fa: ${m}.has_2fa, ${extra}}`;

export const ENTITY = `
MATCH (e:BackstageEntity {id: $ref})
RETURN e.kind AS kind, e.type AS type, e.sentry_project AS sentryProject,
       e.sentry_team_slug AS sentryTeamSlug,
       EXISTS { (e)-[:OWNED_BY]->() } AS hasOwner`;

/** The entity's projects, each with its teams, rules, newest release and admins. */
export const ENTITY_PROJECTS = `
MATCH (e:BackstageEntity {id: $ref})-[:HAS_SENTRY_PROJECT]->(p:SentryProject)<-[:RESOURCE]-(o:SentryOrganization)
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_TEAM]->(t:SentryTeam)
  WITH t ORDER BY t.slug
  RETURN [x IN collect(t) | {id: x.id, slug: x.slug, name: x.name,
          groups: [(g:${group})-[:HAS_SENTRY_TEAM]->(x) | g.id]}] AS teams
}
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_RULE]->(r:SentryAlertRule)
  WITH r ORDER BY r.name, r.id
  RETURN count(r) AS rules, count(CASE WHEN r.status = 'disabled' THEN 1 END) AS disabledRules,
         [x IN collect(r)[..20] | x {.id, .name, .status, .source, .project_slug}] AS ruleItems
}
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_RELEASE]->(rel:SentryRelease)
  WITH rel ORDER BY rel.date_created DESC LIMIT 1
  RETURN rel {.version, .date_created} AS newestRelease
}
CALL (o, p) {
  // Owners and managers administer every project; team admins, their teams'.
  CALL (o, p) {
    MATCH (o)-[:RESOURCE]->(m:SentryUser)
    WHERE m.role IN ['owner', 'manager'] AND NOT coalesce(m.pending, false)
    RETURN m, m.role AS via
    UNION
    MATCH (p)-[:HAS_TEAM]->(:SentryTeam)<-[:MEMBER_OF {role: 'admin'}]-(m:SentryUser)
    WHERE NOT m.role IN ['owner', 'manager']
    RETURN DISTINCT m, 'team admin' AS via
  }
  WITH m, via, head([(u:${user})-[:HAS_SENTRY_ACCOUNT]->(m) | u.id]) AS userRef
  ORDER BY coalesce(m.has_2fa, true), m.name, m.email, m.id
  RETURN count(m) AS admins, count(CASE WHEN m.has_2fa = false THEN 1 END) AS adminsWithout2fa,
         collect(${person('m', 'via: via, entityRef: userRef')})[..${ADMIN_LIMIT}] AS adminItems
}
RETURN o.slug AS organization, p.id AS id, p.slug AS slug, p.name AS name,
       teams, rules, disabledRules, ruleItems, newestRelease,
       admins, adminsWithout2fa, adminItems,
       NOT EXISTS { (e)-[:OWNED_BY]->(:${group})-[:HAS_SENTRY_TEAM]->(:SentryTeam)<-[:HAS_TEAM]-(p) } AS ownerLacksTheTeam
ORDER BY organization, slug`;

/** A group's Sentry teams, compared with the group's members in the catalog. */
export const GROUP_TEAMS = `
MATCH (g:${group} {id: $ref})-[:HAS_SENTRY_TEAM]->(t:SentryTeam)<-[:RESOURCE]-(o:SentryOrganization)
CALL (t) {
  OPTIONAL MATCH (t)<-[:MEMBER_OF {role: 'admin'}]-(m:SentryUser)
  WITH m ORDER BY m.name, m.email, m.id
  RETURN [x IN collect(m)[..${PERSON_LIMIT}] | ${person('x')}] AS admins
}
CALL (o) {
  MATCH (o)-[:RESOURCE]->(m:SentryUser)
  WHERE m.role IN ['owner', 'manager'] AND NOT coalesce(m.pending, false)
  RETURN count(m) AS ownersAndManagers
}
CALL (g, t) {
  OPTIONAL MATCH (u:${user})-[:MEMBER_OF_GROUP]->(g)
  WITH u ORDER BY u.id
  WITH u, head([(u)-[:HAS_SENTRY_ACCOUNT]->(m:SentryUser)-[:MEMBER_OF]->(t) | m]) AS m
  WITH collect(CASE WHEN u IS NOT NULL AND m IS NOT NULL THEN ${person('m', 'entityRef: u.id')} END) AS both,
       collect(CASE WHEN u IS NOT NULL AND m IS NULL THEN {entityRef: u.id, name: u.name, email: u.email} END) AS catalogOnly
  RETURN both[..${PERSON_LIMIT}] AS inBoth, catalogOnly[..${PERSON_LIMIT}] AS onlyInCatalog
}
CALL (g, t) {
  OPTIONAL MATCH (m:SentryUser)-[:MEMBER_OF]->(t)
  WHERE NOT EXISTS { (g)<-[:MEMBER_OF_GROUP]-(:${user})-[:HAS_SENTRY_ACCOUNT]->(m) }
  WITH m ORDER BY m.name, m.email, m.id
  RETURN [x IN collect(m)[..${PERSON_LIMIT}] | ${person('x')}] AS onlyInSentry
}
RETURN o.slug AS organization, t.id AS id, t.slug AS slug, t.name AS name,
       admins, ownersAndManagers, inBoth, onlyInCatalog, onlyInSentry
ORDER BY organization, slug`;
