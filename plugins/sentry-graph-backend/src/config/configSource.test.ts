import type { JsonObject } from '@backstage/types';
import { ConfigReader } from '@backstage/config';
import { withConfigSource } from './configSource';
import { readCatalogOptions } from './readCatalogOptions';
import { readSentryGraphConfig } from './readSentryGraphConfig';

/** Two files, as a backend loads app-config.yaml and then app-config.local.yaml over it. */
function layered(local: JsonObject) {
  return ConfigReader.fromConfigs([
    {
      context: 'app-config.yaml',
      data: {
        sentryGraph: {
          sentry: {
            baseUrl: 'https://sentry.io',
            token: 't',
            organizations: ['acme'],
          },
          neo4j: {
            uri: 'bolt://127.0.0.1:7687',
            username: 'neo4j',
            password: 'secret-pw',
          },
        },
      },
    },
    { context: 'app-config.local.yaml', data: local },
  ]);
}

describe('withConfigSource', () => {
  it('names the file an invalid value came from, beside the key', () => {
    const config = layered({
      sentryGraph: { neo4j: { uri: 'http://127.0.0.1:7474' } },
    });
    expect(() => withConfigSource(config, readSentryGraphConfig)).toThrow(
      /^Invalid configuration at 'sentryGraph\.neo4j\.uri' in 'app-config\.local\.yaml': expected a bolt:\/\//,
    );
  });

  it('names the file for every reader of the section and any kind of value', () => {
    const config = layered({
      sentryGraph: { catalog: { enabled: 'sometimes' } },
    });
    expect(() => withConfigSource(config, readCatalogOptions)).toThrow(
      /sentryGraph\.catalog\.enabled' in 'app-config\.local\.yaml'/,
    );
    const share = layered({ sentryGraph: { sync: { maxDeletionShare: 7 } } });
    expect(() => withConfigSource(share, readSentryGraphConfig)).toThrow(
      /^Invalid configuration at 'sentryGraph\.sync\.maxDeletionShare' in 'app-config\.local\.yaml'/,
    );
  });

  it('names the lower file when the top one does not set the key', () => {
    const config = ConfigReader.fromConfigs([
      {
        context: 'app-config.yaml',
        data: { sentryGraph: { catalog: { enabled: 'sometimes' } } },
      },
      { context: 'app-config.production.yaml', data: { sentryGraph: {} } },
    ]);
    expect(() => withConfigSource(config, readCatalogOptions)).toThrow(
      /sentryGraph\.catalog\.enabled' in 'app-config\.yaml'/,
    );
  });

  it('leaves a valid section and Backstage’s own missing-value message as they are', () => {
    expect(withConfigSource(layered({}), readSentryGraphConfig).neo4j.uri).toBe(
      'bolt://127.0.0.1:7687',
    );
    const missing = ConfigReader.fromConfigs([
      { context: 'app-config.yaml', data: { sentryGraph: { sentry: {} } } },
    ]);
    expect(() => withConfigSource(missing, readSentryGraphConfig)).toThrow(
      /in 'app-config\.yaml'/,
    );
  });

  it('never shows a secret value while it looks for the file', () => {
    const config = layered({ sentryGraph: { neo4j: { password: '' } } });
    let message = '';
    try {
      withConfigSource(config, readSentryGraphConfig);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /sentryGraph\.neo4j\.password' in 'app-config\.local\.yaml'/,
    );
    expect(message).not.toContain('secret-pw');
  });
});
