import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  DEFAULT_FULL_EVERY_MS,
  DEFAULT_SCHEDULE,
  readPluginSettings,
} from './readPluginSettings';

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

describe('sentryGraph.schedule.fullEvery', () => {
  const withSchedule = (schedule: JsonObject) =>
    readPluginSettings(
      new ConfigReader({
        sentryGraph: {
          sentry: { token: 't', baseUrl: 'https://sentry.io' },
          neo4j: {},
          schedule,
        },
      }),
    );

  it('is a day by default', () => {
    expect(settingsFor({ baseUrl: 'https://sentry.io' }).fullEveryMs).toBe(
      24 * 3_600_000,
    );
    expect(DEFAULT_FULL_EVERY_MS).toBe(86_400_000);
  });

  it('reads a HumanDuration or an ISO duration beside the schedule', () => {
    const settings = withSchedule({
      frequency: { minutes: 10 },
      timeout: { minutes: 5 },
      fullEvery: { hours: 6 },
    });
    expect(settings.fullEveryMs).toBe(6 * 3_600_000);
    expect(settings.schedule.frequency).toEqual({ minutes: 10 });
    expect(
      withSchedule({
        frequency: { minutes: 10 },
        timeout: { minutes: 5 },
        fullEvery: 'PT12H',
      }).fullEveryMs,
    ).toBe(12 * 3_600_000);
  });

  it('alone keeps the default schedule', () => {
    const settings = withSchedule({ fullEvery: { hours: 2 } });
    expect(settings.fullEveryMs).toBe(7_200_000);
    expect(settings.schedule).toEqual(DEFAULT_SCHEDULE);
  });

  it('takes 0: every scheduled run is full', () => {
    expect(withSchedule({ fullEvery: { hours: 0 } }).fullEveryMs).toBe(0);
  });

  it('refuses what is not a duration, or a negative one, naming the key', () => {
    expect(() => withSchedule({ fullEvery: 'daily' })).toThrow(
      /^Invalid configuration at 'sentryGraph\.schedule\.fullEvery': .*expected a duration such as \{ hours: 24 \} or 'P1D'/,
    );
    expect(() => withSchedule({ fullEvery: { fortnights: 1 } })).toThrow(
      /'sentryGraph\.schedule\.fullEvery'/,
    );
    expect(() => withSchedule({ fullEvery: { hours: -1 } })).toThrow(
      /'sentryGraph\.schedule\.fullEvery': expected a duration of 0 or more/,
    );
  });
});
