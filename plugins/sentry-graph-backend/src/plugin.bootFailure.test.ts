/*
 * What docs/installing.md tells an operator whose sentryGraph section is
 * wrong: by default the plugin's start-up error stops the backend, naming
 * the key; with Backstage's onPluginBootFailure: continue for this plugin,
 * the rest of the backend starts and this plugin's routes answer 503.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { Router } from 'express';
import request from 'supertest';
import { sentryGraphPlugin } from './plugin';

const invalidSection = {
  sentryGraph: {
    sentry: {
      baseUrl: 'https://sentry.io',
      token: 't',
      organizations: ['acme'],
    },
    neo4j: { uri: 'http://127.0.0.1:7474', username: 'neo4j', password: 'p' },
  },
};

/** Another plugin of the same backend, standing for the rest of the portal. */
const neighbour = createBackendPlugin({
  pluginId: 'neighbour',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/ping', (_req, res) => {
          res.json({ ok: true });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/ping', allow: 'unauthenticated' });
      },
    });
  },
});

describe('a plugin whose sentryGraph section is invalid', () => {
  it('stops the backend at start-up by default, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          sentryGraphPlugin,
          neighbour,
          mockServices.rootConfig.factory({ data: invalidSection }),
        ],
      }),
    ).rejects.toThrow(/sentryGraph\.neo4j\.uri/);
  });

  it('lets the rest of the backend start under onPluginBootFailure: continue, its own routes answering 503', async () => {
    const backend = await startTestBackend({
      features: [
        sentryGraphPlugin,
        neighbour,
        mockServices.rootConfig.factory({
          data: {
            ...invalidSection,
            backend: {
              startup: {
                plugins: {
                  'sentry-graph': { onPluginBootFailure: 'continue' },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const ping = await request(backend.server).get('/api/neighbour/ping');
      expect(ping.status).toBe(200);
      const health = await request(backend.server).get(
        '/api/sentry-graph/health',
      );
      // Backstage's own answer for a plugin that did not start: 503, its error shape.
      expect(health.status).toBe(503);
      expect(health.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: 'Service has not started up yet',
      });
    } finally {
      await backend.stop();
    }
  });
});
