/**
 * Numeric ids, unique across the whole data set: (kind, organization, index) map to disjoint
 * ranges. Within a kind and organization they grow with the index, so "ordered by id" is
 * "ordered by index" — lazy collections rely on that.
 */
export const ID_KINDS = {
  organization: 1,
  member: 2,
  user: 3,
  team: 4,
  project: 5,
  release: 6,
  detector: 7,
  workflow: 8,
  legacyRule: 9,
  dataCondition: 10,
  conditionGroup: 11,
  action: 12,
  deploy: 13,
} as const;

export type IdKind = keyof typeof ID_KINDS;

/** Up to 10 million items of a kind per organization (XL's largest listing has 500,000). */
const PER_ORGANIZATION = 10_000_000;
const ORGANIZATIONS_PER_KIND = 1_000;

export function numericId(
  kind: IdKind,
  organizationIndex: number,
  index: number,
): number {
  if (index < 0 || index >= PER_ORGANIZATION)
    throw new RangeError(`${kind} index ${index} is out of range`);
  if (organizationIndex < 0 || organizationIndex >= ORGANIZATIONS_PER_KIND) {
    throw new RangeError(
      `organization index ${organizationIndex} is out of range`,
    );
  }
  return (
    (ID_KINDS[kind] * ORGANIZATIONS_PER_KIND + organizationIndex + 1) *
      PER_ORGANIZATION +
    index +
    1
  );
}

export function stringId(
  kind: IdKind,
  organizationIndex: number,
  index: number,
): string {
  return String(numericId(kind, organizationIndex, index));
}
