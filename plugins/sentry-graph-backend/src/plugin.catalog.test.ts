import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import type {
  EntitySentryData,
  RunRecord,
  SummaryResponse,
} from '@sentry-graph/plugin-sentry-graph-common';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';
import { useAcmeEnvironment } from './__testUtils__/acmeEnvironment';
import { openApiMismatches } from './__testUtils__/openApi';
import { pluginTestConfig } from './__testUtils__/pluginTestConfig';
import { waitFor } from './__testUtils__/waitFor';

/*
 * The plugin beside the real catalog backend: the catalog reads a file
 * location, the sync reads the catalog as the plugin itself, and
 * /entities answers only what the caller may read in the catalog.
 */
const env = useAcmeEnvironment();
const directory = createMockDirectory();
directory.setContent({
  'catalog-info.yaml': `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-api
  annotations:
    sentry.io/project-slug: api
spec: { type: service, lifecycle: production, owner: backend }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: billing }
spec: { type: service, lifecycle: production, owner: backend }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: backend }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { profile: { email: bob@acme.test }, memberOf: [backend] }
`,
});

function backendConfig(): JsonObject {
  return {
    ...pluginTestConfig(env.sentry.url, { catalog: { enabled: true } }),
    catalog: {
      locations: [
        { type: 'file', target: directory.resolve('catalog-info.yaml') },
      ],
      rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
    },
  };
}

/** The catalog lets everyone read everything, but the outsider nothing. */
const OUTSIDER = 'user:default/outsider';
function decide(options: { credentials: BackstageCredentials }) {
  const principal = options.credentials.principal as { userEntityRef?: string };
  return {
    result:
      principal.userEntityRef === OUTSIDER
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  } as const;
}

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      sentryGraphPlugin,
      catalogPlugin,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({ data: backendConfig() }),
      mockServices.permissions.mock({
        authorize: async (requests, options) =>
          requests.map(() => decide(options)),
        authorizeConditional: async (requests, options) =>
          requests.map(() => decide(options)),
      }).factory,
    ],
  });
  return server;
}

type Server = Awaited<ReturnType<typeof startBackend>>;

/** Syncs until the catalog (which processes its location in the background) is in the graph. */
async function syncWithCatalog(server: Server): Promise<RunRecord> {
  return waitFor(async () => {
    const accepted = await request(server).post('/api/sentry-graph/sync');
    expect(accepted.status).toBe(202);
    const run = await waitFor(async () => {
      const res = await request(server).get(
        `/api/sentry-graph/runs/${accepted.body.runId}`,
      );
      return ['queued', 'running'].includes(res.body.status)
        ? undefined
        : (res.body as RunRecord);
    });
    return run.result?.catalog?.fetched === 4 ? run : undefined;
  }, 90_000);
}

describe('the catalog joined in a real backend', () => {
  it('reads the catalog with the plugin’s own credentials and joins it to Sentry', async () => {
    const server = await startBackend();
    const run = await syncWithCatalog(server);
    expect(run.status).toBe('succeeded');
    expect(run.result?.catalog).toMatchObject({
      status: 'complete',
      kept: [],
      unmatchedCount: 0,
    });

    const summary = await request(server).get('/api/sentry-graph/summary');
    expect(openApiMismatches('GET', '/summary', summary)).toEqual([]);
    const { catalog } = summary.body as SummaryResponse;
    expect(catalog?.entities).toEqual({
      components: 2,
      componentsWithSentryProject: 1,
      groups: 1,
      groupsWithSentryTeam: 1,
      users: 1,
      usersWithSentryAccount: 1,
    });
    expect(
      catalog?.findings.componentsWithoutSentryProject.items.map(i => i.id),
    ).toEqual(['component:default/billing']);
    // The catalog derived checkout-api's owner and bob's group from their specs.
    expect(catalog?.findings.componentsWhoseOwnerLacksTheTeam.count).toBe(0);
    expect(
      catalog?.findings.groupMembersAdminWithout2fa.items.map(i => i.id),
    ).toEqual(['user:default/bob']);
  });

  it('serves an entity’s Sentry side to a caller who may read it, and 404 or 400 otherwise', async () => {
    const server = await startBackend();
    await syncWithCatalog(server);
    const route = '/entities/{kind}/{namespace}/{name}';
    const found = await request(server).get(
      '/api/sentry-graph/entities/Component/default/checkout-api',
    );
    expect(openApiMismatches('GET', route, found)).toEqual([]);
    expect(found.status).toBe(200);
    expect((found.body as EntitySentryData).projects.map(p => p.slug)).toEqual([
      'api',
    ]);

    const missing = await request(server).get(
      '/api/sentry-graph/entities/component/default/nope',
    );
    expect(openApiMismatches('GET', route, missing)).toEqual([]);
    expect(missing.status).toBe(404);
    const malformed = await request(server).get(
      '/api/sentry-graph/entities/component/default/no%20spaces',
    );
    expect(openApiMismatches('GET', route, malformed)).toEqual([]);
    expect(malformed.status).toBe(400);
  });

  it('answers 404 for an entity the catalog does not let the caller read, though the graph has it', async () => {
    const server = await startBackend();
    await syncWithCatalog(server);
    const path = '/api/sentry-graph/entities/component/default/checkout-api';
    // The same entity: readable for one caller, not for the other.
    const allowed = await request(server).get(path);
    expect(allowed.status).toBe(200);
    expect((allowed.body as EntitySentryData).projects).toHaveLength(1);
    const denied = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(denied.status).toBe(404);
    expect(JSON.stringify(denied.body)).not.toContain('"api"');
  });
});
