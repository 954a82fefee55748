import type {
  EntityAdmin,
  EntityFinding,
  EntityPerson,
  EntityProject,
  EntitySentryData,
  EntityTeam,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import {
  SENTRY_PROJECT_ANNOTATION,
  SENTRY_TEAM_ANNOTATION,
} from '../catalog/annotations';
import { ENTITY, ENTITY_PROJECTS, GROUP_TEAMS } from './entityCypher';
import type { GraphReader } from './Neo4jSessions';
import type { SentryLinks } from './sentryLinks';
import { asRecordList, isRecord, num, text, withoutUndefined } from './values';

/**
 * One catalog entity's Sentry side, for its card: its projects (teams, alert
 * rules, newest release, who can administer them and their 2FA), or, for a
 * group, its teams compared with its members. The caller has checked that
 * the user may read the entity in the catalog.
 */
export async function readEntitySentryData(
  store: GraphReader,
  entityRef: string,
  options: { componentTypes: string[]; links: SentryLinks },
): Promise<EntitySentryData> {
  const ref = entityRef.toLocaleLowerCase('en-US');
  const entity = (await store.read(ENTITY, { ref })).records[0];
  const kind = ref.split(':')[0];
  if (!entity) {
    return {
      entityRef: ref,
      kind,
      synced: false,
      projects: [],
      teams: [],
      findings: [],
    };
  }
  const projects = (await store.read(ENTITY_PROJECTS, { ref })).records.map(r =>
    toProject(r, options.links),
  );
  const teams =
    kind === 'group'
      ? (await store.read(GROUP_TEAMS, { ref })).records.map(r =>
          toTeam(r, options.links),
        )
      : [];
  const annotation = entityAnnotation(entity);
  const findings: EntityFinding[] = [];
  const expectsProject =
    kind === 'component' &&
    options.componentTypes.includes(text(entity.get('type')) ?? '');
  if (projects.length === 0 && annotation?.name === SENTRY_PROJECT_ANNOTATION)
    findings.push('annotationPointsNowhere');
  if (
    projects.length === 0 &&
    (expectsProject || annotation?.name === SENTRY_PROJECT_ANNOTATION)
  )
    findings.push('noSentryProject');
  if (projects.some(p => p.ownerLacksTheTeam))
    findings.push('ownerLacksTheTeam');
  if (projects.some(p => p.admins.withoutTwoFactor > 0))
    findings.push('adminsWithoutTwoFactor');
  if (kind === 'group' && teams.length === 0) findings.push('noSentryTeam');
  return {
    entityRef: ref,
    kind,
    synced: true,
    ...(annotation ? { annotation } : {}),
    projects: projects.map(({ ownerLacksTheTeam: _, ...project }) => project),
    teams,
    findings,
  };
}

/** The entity's Sentry annotation: its project's, or a group's team's. */
function entityAnnotation(
  entity: Neo4jRecord,
): EntitySentryData['annotation'] | undefined {
  const project = text(entity.get('sentryProject'));
  if (project !== undefined)
    return { name: SENTRY_PROJECT_ANNOTATION, value: project };
  const team = text(entity.get('sentryTeamSlug'));
  return team === undefined
    ? undefined
    : { name: SENTRY_TEAM_ANNOTATION, value: team };
}

function toPerson(
  value: Record<string, unknown>,
  links: SentryLinks,
  org: string,
): EntityPerson {
  const id = text(value.id);
  return withoutUndefined({
    id,
    name: text(value.name),
    email: text(value.email),
    role: text(value.role),
    has2fa: typeof value.has2fa === 'boolean' ? value.has2fa : undefined,
    entityRef: text(value.entityRef),
    url: id ? links.node(org, 'SentryUser', { id }) : undefined,
  });
}

function people(
  value: unknown,
  links: SentryLinks,
  org: string,
): EntityPerson[] {
  return asRecordList(value).map(item => toPerson(item, links, org));
}

function toProject(
  r: Neo4jRecord,
  links: SentryLinks,
): EntityProject & { ownerLacksTheTeam: boolean } {
  const organization = text(r.get('organization')) ?? '';
  const id = text(r.get('id')) ?? '';
  const slug = text(r.get('slug')) ?? '';
  const newest = r.get('newestRelease');
  return withoutUndefined({
    organization,
    id,
    slug,
    name: text(r.get('name')),
    url:
      links.node(organization, 'SentryProject', { id, slug }) ??
      links.organization(organization),
    teams: asRecordList(r.get('teams')).map(t => {
      const teamSlug = text(t.slug) ?? '';
      return withoutUndefined({
        id: text(t.id) ?? '',
        slug: teamSlug,
        name: text(t.name),
        url:
          links.node(organization, 'SentryTeam', { id: '', slug: teamSlug }) ??
          '',
        groups: Array.isArray(t.groups)
          ? t.groups.filter((g): g is string => typeof g === 'string')
          : [],
      });
    }),
    alertRules: {
      total: num(r.get('rules')) ?? 0,
      disabled: num(r.get('disabledRules')) ?? 0,
      items: asRecordList(r.get('ruleItems')).map(rule => {
        const ruleId = text(rule.id) ?? '';
        return withoutUndefined({
          id: ruleId,
          name: text(rule.name),
          status: text(rule.status),
          url: links.node(organization, 'SentryAlertRule', {
            id: ruleId,
            source: text(rule.source),
            projectSlug: text(rule.project_slug),
          }),
        });
      }),
    },
    newestRelease: isRecord(newest)
      ? withoutUndefined({
          version: text(newest.version) ?? '',
          dateCreated: text(newest.date_created),
          url: links.release(organization, text(newest.version) ?? ''),
        })
      : undefined,
    admins: {
      count: num(r.get('admins')) ?? 0,
      withoutTwoFactor: num(r.get('adminsWithout2fa')) ?? 0,
      items: asRecordList(r.get('adminItems')).map(a => ({
        ...toPerson(a, links, organization),
        via: text(a.via) as EntityAdmin['via'],
      })),
    },
    ownerLacksTheTeam: r.get('ownerLacksTheTeam') === true,
  });
}

function toTeam(r: Neo4jRecord, links: SentryLinks): EntityTeam {
  const organization = text(r.get('organization')) ?? '';
  const slug = text(r.get('slug')) ?? '';
  return withoutUndefined({
    organization,
    id: text(r.get('id')) ?? '',
    slug,
    name: text(r.get('name')),
    url: links.node(organization, 'SentryTeam', { id: '', slug }) ?? '',
    admins: people(r.get('admins'), links, organization),
    ownersAndManagers: num(r.get('ownersAndManagers')) ?? 0,
    inBoth: people(r.get('inBoth'), links, organization),
    onlyInCatalog: people(r.get('onlyInCatalog'), links, organization),
    onlyInSentry: people(r.get('onlyInSentry'), links, organization),
  });
}
