import type { Entity } from '@backstage/catalog-model';
import type { EntitySentryData } from '@sentry-graph/plugin-sentry-graph-common';

const WEB = 'https://sentry.example';

export function catalogEntity(
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: {},
  };
}

export const checkoutApi: EntitySentryData = {
  entityRef: 'component:default/checkout-api',
  kind: 'component',
  synced: true,
  annotation: { name: 'sentry.io/project-slug', value: 'api' },
  projects: [
    {
      organization: 'acme',
      id: '4001',
      slug: 'api',
      name: 'API',
      url: `${WEB}/settings/acme/projects/api/`,
      teams: [
        {
          id: '3001',
          slug: 'backend',
          url: `${WEB}/settings/acme/teams/backend/`,
          groups: ['group:default/backend'],
        },
      ],
      alertRules: { total: 3, disabled: 1, items: [] },
      newestRelease: {
        version: 'api@2.0.0',
        dateCreated: new Date(Date.now() - 2 * 86_400_000).toISOString(),
        url: `${WEB}/organizations/acme/releases/api%402.0.0/`,
      },
      admins: {
        count: 3,
        withoutTwoFactor: 1,
        items: [
          {
            id: '2002',
            name: 'Bob',
            email: 'bob@acme.test',
            role: 'manager',
            has2fa: false,
            via: 'manager',
            url: `${WEB}/settings/acme/members/2002/`,
          },
          {
            id: '2001',
            name: 'Alice',
            email: 'alice@acme.test',
            role: 'owner',
            has2fa: true,
            via: 'owner',
          },
          {
            id: '2003',
            name: 'Carol',
            email: 'carol@acme.test',
            role: 'member',
            has2fa: true,
            via: 'team admin',
          },
        ],
      },
    },
  ],
  teams: [],
  findings: ['adminsWithoutTwoFactor'],
};

export const backendGroup: EntitySentryData = {
  entityRef: 'group:default/backend',
  kind: 'group',
  synced: true,
  projects: [],
  teams: [
    {
      organization: 'acme',
      id: '3001',
      slug: 'backend',
      url: `${WEB}/settings/acme/teams/backend/`,
      admins: [{ id: '2003', name: 'Carol', has2fa: true }],
      ownersAndManagers: 2,
      inBoth: [
        {
          id: '2004',
          name: 'Dave',
          entityRef: 'user:default/dave',
          has2fa: false,
        },
      ],
      onlyInCatalog: [
        { entityRef: 'user:default/bob', email: 'bob@acme.test' },
      ],
      onlyInSentry: [{ id: '2001', name: 'Alice', has2fa: true }],
    },
  ],
  findings: [],
};
