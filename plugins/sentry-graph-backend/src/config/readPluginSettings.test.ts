import { ConfigReader } from '@backstage/config';
import { readPluginSettings } from './readPluginSettings';

const settingsFor = (sentry: Record<string, string>) =>
  readPluginSettings(
    new ConfigReader({
      sentryGraph: { sentry: { token: 't', ...sentry }, neo4j: {} },
    }),
  );

describe('the Sentry web URL the summary links to', () => {
  it("is sentry.io's for sentry.io and its region API hosts", () => {
    for (const baseUrl of [
      'https://sentry.io',
      'https://us.sentry.io',
      'https://de.sentry.io/',
    ]) {
      expect(settingsFor({ baseUrl }).sentryWebUrl).toBe('https://sentry.io');
    }
  });

  it('is the API host itself for a self-hosted Sentry, path included', () => {
    expect(
      settingsFor({ baseUrl: 'https://sentry.corp.example/tools/sentry/' })
        .sentryWebUrl,
    ).toBe('https://sentry.corp.example/tools/sentry');
  });

  it('is sentry.webUrl when set, without its trailing slash', () => {
    expect(
      settingsFor({
        baseUrl: 'http://sentry-internal:9000',
        webUrl: 'https://sentry.corp.example/',
      }).sentryWebUrl,
    ).toBe('https://sentry.corp.example');
  });

  it('refuses a web URL that is not http(s), naming the key', () => {
    expect(() =>
      settingsFor({
        baseUrl: 'https://sentry.io',
        webUrl: 'ftp://sentry.example',
      }),
    ).toThrow(/sentryGraph\.sentry\.webUrl/);
  });
});
