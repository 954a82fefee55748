import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readSentryGraphConfig } from '../config/readSentryGraphConfig';

/** The smallest valid sentryGraph section, with this `sync` section, read as the plugin reads it. */
export const configWithSync = (sync?: JsonObject) =>
  readSentryGraphConfig(
    new ConfigReader({
      sentryGraph: {
        sentry: { baseUrl: 'https://sentry.io', token: 't' },
        neo4j: { uri: 'bolt://localhost:7687', username: 'u', password: 'p' },
        ...(sync ? { sync } : {}),
      },
    }),
  );
