import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  parseProjectAnnotation,
  parseTeamAnnotation,
  SENTRY_PROJECT_ANNOTATION,
  SENTRY_TEAM_ANNOTATION,
} from './annotations';

/** What the graph keeps of one catalog entity. */
export interface CatalogRecord {
  /** The entity ref, `kind:namespace/name`, lowercased as Backstage compares them. */
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  type?: string;
  lifecycle?: string;
  /** The owner's entity ref (spec.owner resolved through the catalog's relations). */
  owner?: string;
  /** Users: the email of their profile, lowercased (matched to Sentry's member emails). */
  email?: string;
  /** Users: the refs of the groups they belong to. */
  memberOf?: string[];
  /** The raw `sentry.io/project-slug` annotation, when present. */
  sentryProject?: string;
  sentryOrganizationSlug?: string;
  sentryProjectSlug?: string;
  /** Groups: the `sentry.io/team-slug` annotation's slug. */
  sentryTeamSlug?: string;
}

/** The fields of an entity the sync reads; the catalog sends only these. */
export const CATALOG_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.profile.email',
  'relations',
];

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => relation.targetRef.toLocaleLowerCase('en-US'));
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function toCatalogRecord(entity: Entity): CatalogRecord {
  const annotations = entity.metadata.annotations ?? {};
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const profile = (spec.profile ?? {}) as Record<string, unknown>;
  const project = parseProjectAnnotation(
    annotations[SENTRY_PROJECT_ANNOTATION],
  );
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return {
    ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    title: text(entity.metadata.title),
    type: text(spec.type),
    lifecycle: text(spec.lifecycle),
    owner: relationTargets(entity, 'ownedBy')[0],
    email:
      kind === 'user'
        ? text(profile.email)?.toLocaleLowerCase('en-US')
        : undefined,
    memberOf: kind === 'user' ? relationTargets(entity, 'memberOf') : undefined,
    sentryProject: text(annotations[SENTRY_PROJECT_ANNOTATION]),
    sentryOrganizationSlug: project?.organizationSlug,
    sentryProjectSlug: project?.projectSlug,
    sentryTeamSlug:
      kind === 'group'
        ? parseTeamAnnotation(annotations[SENTRY_TEAM_ANNOTATION])
        : undefined,
  };
}
