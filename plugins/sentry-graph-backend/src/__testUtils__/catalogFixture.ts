import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';

/*
 * A catalog for the acme fixture (acmeFixture.ts): what the catalog service
 * would return, relations included (the catalog derives them from
 * spec.owner and spec.memberOf; the in-memory catalog does not).
 */
type Relation = { type: string; targetRef: string };

function entity(
  kind: string,
  name: string,
  fields: {
    annotations?: Record<string, string>;
    spec?: JsonObject;
    relations?: Relation[];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations: fields.annotations },
    spec: fields.spec ?? {},
    relations: fields.relations ?? [],
  };
}

const ownedBy = (targetRef: string) => [{ type: 'ownedBy', targetRef }];
const memberOf = (...groups: string[]) =>
  groups.map(group => ({
    type: 'memberOf',
    targetRef: `group:default/${group}`,
  }));
const project = (slug: string) => ({ 'sentry.io/project-slug': slug });

export interface CatalogFixtureOptions {
  /** Leave out checkout-api's project annotation. */
  withoutCheckoutAnnotation?: boolean;
  /** Leave out these entities (by name). */
  without?: string[];
}

export function acmeCatalog(options: CatalogFixtureOptions = {}): Entity[] {
  const entities = [
    // Its owner's team (backend) is on api: all is well.
    entity('Component', 'checkout-api', {
      annotations: options.withoutCheckoutAnnotation ? {} : project('api'),
      spec: { type: 'service', lifecycle: 'production', owner: 'backend' },
      relations: ownedBy('group:default/backend'),
    }),
    // organization/project form; its owner has no Sentry team.
    entity('Component', 'storefront', {
      annotations: project('acme/web'),
      spec: { type: 'website', owner: 'platform' },
      relations: ownedBy('group:default/platform'),
    }),
    entity('Component', 'billing', { spec: { type: 'service' } }),
    // Points nowhere: Sentry has no project ghost.
    entity('Component', 'ghost', {
      annotations: project('ghost'),
      spec: { type: 'service' },
    }),
    // Not a type expected to report to Sentry.
    entity('Component', 'docs-lib', { spec: { type: 'library' } }),
    // Any kind may claim a project; owned by a user, not a group.
    entity('API', 'orders-api', {
      annotations: project('api'),
      spec: { type: 'openapi' },
      relations: ownedBy('user:default/dave'),
    }),
    entity('Group', 'backend', { spec: { type: 'team' } }),
    entity('Group', 'web-team', {
      annotations: { 'sentry.io/team-slug': 'frontend' },
      spec: { type: 'team' },
    }),
    entity('Group', 'platform', { spec: { type: 'team' } }),
    entity('Group', 'lost', {
      annotations: { 'sentry.io/team-slug': 'no-such-team' },
      spec: { type: 'team' },
    }),
    // Emails match Sentry's case-insensitively.
    entity('User', 'bob', {
      spec: { profile: { email: 'BOB@acme.test' } },
      relations: memberOf('backend'),
    }),
    entity('User', 'dave', {
      spec: { profile: { email: 'dave@acme.test' } },
      relations: memberOf('backend'),
    }),
    entity('User', 'carol', {
      spec: { profile: { email: 'carol@acme.test' } },
      relations: memberOf('backend'),
    }),
    entity('User', 'frank', {
      spec: { profile: { email: 'frank@acme.test' } },
      relations: memberOf('web-team'),
    }),
    entity('User', 'zed', {
      spec: { profile: { email: 'zed@elsewhere.test' } },
    }),
  ];
  return entities.filter(e => !options.without?.includes(e.metadata.name));
}
