import { SentryLinks } from './sentryLinks';

const links = new SentryLinks('https://sentry.example');

describe('SentryLinks', () => {
  it('links members, teams and projects to their settings pages', () => {
    expect(links.node('acme', 'SentryUser', { id: '42' })).toBe(
      'https://sentry.example/settings/acme/members/42/',
    );
    expect(links.node('acme', 'SentryTeam', { id: '1', slug: 'ops' })).toBe(
      'https://sentry.example/settings/acme/teams/ops/',
    );
    expect(links.node('acme', 'SentryProject', { id: '2', slug: 'api' })).toBe(
      'https://sentry.example/settings/acme/projects/api/',
    );
  });

  it('links a workflow to its alert page and a legacy rule to the rule details under its project', () => {
    expect(
      links.node('acme', 'SentryAlertRule', { id: '7', source: 'workflow' }),
    ).toBe('https://sentry.example/organizations/acme/monitors/alerts/7/');
    expect(
      links.node('acme', 'SentryAlertRule', {
        id: '7',
        source: 'rule',
        projectSlug: 'api',
      }),
    ).toBe(
      'https://sentry.example/organizations/acme/alerts/rules/api/7/details/',
    );
  });

  it('gives no link when the slug a page needs is missing', () => {
    expect(links.node('acme', 'SentryTeam', { id: '1' })).toBeUndefined();
    expect(
      links.node('acme', 'SentryAlertRule', { id: '7', source: 'rule' }),
    ).toBeUndefined();
  });

  it('encodes each path segment, so a release version cannot escape its path', () => {
    expect(links.release('acme', 'web@1.0/../x?y')).toBe(
      'https://sentry.example/organizations/acme/releases/web%401.0%2F..%2Fx%3Fy/',
    );
    expect(links.organization('a b')).toBe(
      'https://sentry.example/organizations/a%20b/',
    );
  });
});
