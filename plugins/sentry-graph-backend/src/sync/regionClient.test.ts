import { mockServices } from '@backstage/backend-test-utils';
import { SentryClient, type SentryOrganization } from '../sentry';
import { regionClient } from './regionClient';

const organization = (regionUrl?: string): SentryOrganization => ({
  id: '1',
  slug: 'acme',
  name: 'Acme',
  links: regionUrl ? { regionUrl, organizationUrl: regionUrl } : undefined,
  features: [],
});

function regionOf(baseUrl: string, regionUrl?: string): string {
  const client = new SentryClient({ baseUrl, token: 't' });
  return regionClient(
    client,
    organization(regionUrl),
    mockServices.logger.mock(),
  ).baseUrl;
}

describe('regionClient', () => {
  it('follows a Sentry SaaS region host', () => {
    expect(regionOf('https://sentry.io', 'https://de.sentry.io')).toBe(
      'https://de.sentry.io/',
    );
    expect(regionOf('https://us.sentry.io', 'https://de.sentry.io')).toBe(
      'https://de.sentry.io/',
    );
  });

  it('follows the same host on another port (the sample server, a self-hosted proxy)', () => {
    expect(regionOf('http://127.0.0.1:9000', 'http://127.0.0.1:9001')).toBe(
      'http://127.0.0.1:9001/',
    );
  });

  it('never sends the token to another host, or over plain HTTP', () => {
    expect(regionOf('https://sentry.io', 'https://evil.example')).toBe(
      'https://sentry.io/',
    );
    expect(
      regionOf('https://sentry.corp.example', 'https://other.corp.example'),
    ).toBe('https://sentry.corp.example/');
    expect(regionOf('https://sentry.io', 'http://de.sentry.io')).toBe(
      'https://sentry.io/',
    );
    expect(regionOf('https://sentry.io', 'not a url')).toBe(
      'https://sentry.io/',
    );
    expect(regionOf('https://sentry.io')).toBe('https://sentry.io/');
  });
});
