import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SentryClient, SentryOrganization } from '../sentry';

/**
 * The client for an organization's region host (`links.regionUrl`, e.g.
 * https://de.sentry.io). The token is only sent to the configured host (any
 * port), or, for Sentry's SaaS, another sentry.io host over HTTPS; anything
 * else is logged and the configured host is used.
 */
export function regionClient(
  client: SentryClient,
  organization: SentryOrganization,
  logger: LoggerService,
): SentryClient {
  const regionUrl = organization.links?.regionUrl;
  if (!regionUrl) return client;
  let region: URL;
  try {
    region = new URL(regionUrl);
  } catch {
    logger.warn(
      `Ignoring the organization's invalid regionUrl ${JSON.stringify(regionUrl)}`,
    );
    return client;
  }
  const base = new URL(client.baseUrl);
  if (region.origin === base.origin) return client;
  if (!isSameSentry(base, region)) {
    logger.warn(
      `Not following regionUrl ${region.origin} of organization ${organization.slug}: ` +
        `it is not a host of ${base.origin}`,
    );
    return client;
  }
  logger.debug(
    `Organization ${organization.slug} lives in region ${region.origin}`,
  );
  return client.forRegion(region.origin);
}

const SAAS_DOMAIN = 'sentry.io';

function isSaas(hostname: string): boolean {
  return hostname === SAAS_DOMAIN || hostname.endsWith(`.${SAAS_DOMAIN}`);
}

function isSameSentry(base: URL, region: URL): boolean {
  // A region host must not downgrade to plain HTTP.
  if (base.protocol === 'https:' && region.protocol !== 'https:') return false;
  if (region.hostname === base.hostname) return true;
  return (
    isSaas(base.hostname) &&
    isSaas(region.hostname) &&
    region.protocol === 'https:'
  );
}
