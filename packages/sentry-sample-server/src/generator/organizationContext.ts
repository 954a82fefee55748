import { epochMsToIso } from '../isoTime';
import type { Sizes } from '../types/sampleData';
import { stringId } from './ids';
import { Random } from './random';
import { ORGANIZATION_NAMES } from './vocabulary';

/** "Now" for every generated data set, so the same seed always yields the same bytes. */
export const REFERENCE_TIME_MS = Date.UTC(2026, 5, 1, 9, 30, 0);
const DAY_MS = 86_400_000;

/** What every generator module needs to know about the organization it is filling. */
export interface OrganizationContext {
  seed: number;
  index: number;
  id: string;
  slug: string;
  name: string;
  sizes: Sizes;
  /** Members of the first organization: users shared with it are taken from there. */
  firstOrganizationMembers: number;
  createdMs: number;
}

export function organizationContext(
  seed: number,
  index: number,
  sizes: Sizes,
  firstOrganizationMembers: number,
): OrganizationContext {
  const [baseName, baseSlug] =
    ORGANIZATION_NAMES[index % ORGANIZATION_NAMES.length];
  const round = Math.floor(index / ORGANIZATION_NAMES.length);
  const random = Random.for(seed, index, 'organization');
  return {
    seed,
    index,
    id: stringId('organization', index, 0),
    slug: round === 0 ? baseSlug : `${baseSlug}-${round + 1}`,
    name: round === 0 ? baseName : `${baseName} ${round + 1}`,
    sizes,
    firstOrganizationMembers,
    createdMs: REFERENCE_TIME_MS - (4 * 365 + random.int(0, 700)) * DAY_MS,
  };
}

export function organizationSlugOf(index: number): string {
  const [, baseSlug] = ORGANIZATION_NAMES[index % ORGANIZATION_NAMES.length];
  const round = Math.floor(index / ORGANIZATION_NAMES.length);
  return round === 0 ? baseSlug : `${baseSlug}-${round + 1}`;
}

/** The random stream of one generated item. */
export function itemRandom(
  context: OrganizationContext,
  kind: string,
  index: number,
): Random {
  return Random.for(context.seed, context.index, kind, index);
}

/** A time between the organization's creation and now, placed by `fraction` (0 = oldest). */
export function timeWithinLife(
  context: OrganizationContext,
  fraction: number,
): number {
  return (
    context.createdMs +
    Math.floor(
      (REFERENCE_TIME_MS - context.createdMs) *
        Math.min(Math.max(fraction, 0), 1),
    )
  );
}

/** Sentry-style timestamp with microseconds drawn from `random`. */
export function isoWithMicros(epochMs: number, random: Random): string {
  return epochMsToIso(epochMs, random.int(0, 999));
}

export { DAY_MS };
