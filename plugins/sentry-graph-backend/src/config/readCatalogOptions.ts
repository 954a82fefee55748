import type { Config } from '@backstage/config';
import {
  DEFAULT_CATALOG_OPTIONS,
  type CatalogOptions,
} from '../catalog/catalogOptions';
import { CONFIG_ROOT, SentryGraphConfigError } from './readSentryGraphConfig';

const TEAM_MATCHES: ReadonlyArray<CatalogOptions['teamMatch']> = [
  'name',
  'annotation',
];

/** `sentryGraph.catalog`, validated, with defaults applied. */
export function readCatalogOptions(root: Config): CatalogOptions {
  const catalog = root.getOptionalConfig(`${CONFIG_ROOT}.catalog`);
  const defaults = DEFAULT_CATALOG_OPTIONS;
  const componentTypes =
    catalog?.getOptionalStringArray('componentTypes') ??
    defaults.componentTypes;
  if (componentTypes.some(type => type.trim() === '')) {
    throw new SentryGraphConfigError(
      'catalog.componentTypes',
      'expected component types such as service or website, not empty strings',
    );
  }
  const teamMatch =
    catalog?.getOptionalString('teamMatch') ?? defaults.teamMatch;
  if (!TEAM_MATCHES.includes(teamMatch as CatalogOptions['teamMatch'])) {
    throw new SentryGraphConfigError(
      'catalog.teamMatch',
      `expected one of ${TEAM_MATCHES.join(', ')}, got ${JSON.stringify(teamMatch)}`,
    );
  }
  const pageSize = catalog?.getOptionalNumber('pageSize') ?? defaults.pageSize;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
    throw new SentryGraphConfigError(
      'catalog.pageSize',
      `expected a whole number from 1 to 10000, got ${pageSize}`,
    );
  }
  return {
    enabled: catalog?.getOptionalBoolean('enabled') ?? defaults.enabled,
    componentTypes: componentTypes.map(type => type.toLocaleLowerCase('en-US')),
    teamMatch: teamMatch as CatalogOptions['teamMatch'],
    pageSize,
  };
}
