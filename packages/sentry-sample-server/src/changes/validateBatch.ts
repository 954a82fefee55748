import { isIsoDateTime } from '../server/dateRange';
import { ROLE_NAMES } from '../server/scopes';
import type {
  ChangeBatch,
  SampleChange,
  SampleChangeKind,
} from '../types/sampleChange';
import { SampleChangeError } from './organizationDraft';

type FieldType =
  | 'string'
  | 'boolean'
  | 'count'
  | 'minutes'
  | 'role'
  | 'slugs'
  | 'string-or-null';

/** Each kind's fields: name → [type, required]. */
const FIELDS: Record<
  SampleChangeKind,
  Record<string, readonly [FieldType, boolean]>
> = {
  'member-role': { memberId: ['string', true], role: ['role', true] },
  'member-2fa': { memberId: ['string', true], enabled: ['boolean', true] },
  'member-invite': {
    email: ['string', true],
    role: ['role', false],
    teams: ['slugs', false],
  },
  'invite-accepted': { memberId: ['string', true], name: ['string', false] },
  'member-removed': { memberId: ['string', true] },
  'team-member-added': {
    team: ['string', true],
    memberId: ['string', true],
    teamRole: ['string-or-null', false],
  },
  'team-member-removed': { team: ['string', true], memberId: ['string', true] },
  'team-role': {
    team: ['string', true],
    memberId: ['string', true],
    teamRole: ['string-or-null', true],
  },
  'releases-created': { count: ['count', true], projects: ['slugs', false] },
  'release-archived': { version: ['string', true] },
  'workflow-changed': {
    workflowId: ['string', true],
    name: ['string', false],
    enabled: ['boolean', false],
    frequency: ['minutes', false],
  },
  'workflow-removed': { workflowId: ['string', true] },
  'legacy-rule-changed': {
    project: ['string', true],
    ruleId: ['string', true],
    name: ['string', false],
    frequency: ['minutes', false],
  },
  'project-added': {
    slug: ['string', true],
    name: ['string', false],
    platform: ['string-or-null', false],
    teams: ['slugs', false],
  },
  'project-removed': { project: ['string', true] },
  'project-team-removed': { project: ['string', true], team: ['string', true] },
};

const MAX_RELEASES_PER_CHANGE = 100_000;

function typeError(value: unknown, type: FieldType): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value !== ''
        ? undefined
        : 'must be a non-empty string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'count':
      return Number.isInteger(value) &&
        (value as number) >= 1 &&
        (value as number) <= MAX_RELEASES_PER_CHANGE
        ? undefined
        : `must be an integer from 1 to ${MAX_RELEASES_PER_CHANGE}`;
    case 'minutes':
      return Number.isInteger(value) && (value as number) >= 0
        ? undefined
        : 'must be a non-negative integer (minutes)';
    case 'role':
      return typeof value === 'string' && Object.hasOwn(ROLE_NAMES, value)
        ? undefined
        : `must be one of ${Object.keys(ROLE_NAMES).join(', ')}`;
    case 'slugs':
      return Array.isArray(value) &&
        value.every(item => typeof item === 'string' && item !== '')
        ? undefined
        : 'must be a list of slugs';
    case 'string-or-null':
      return value === null || typeof value === 'string'
        ? undefined
        : 'must be a string or null';
    default: {
      const unknown: never = type;
      throw new Error(`Unknown field type ${String(unknown)}`);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkChange(value: unknown, where: string): SampleChange {
  if (!isRecord(value))
    throw new SampleChangeError(`${where} must be an object`);
  const kind = value.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind))
    throw new SampleChangeError(
      `${where}.kind must be one of ${Object.keys(FIELDS).join(', ')}`,
    );
  const fields = FIELDS[kind as SampleChangeKind];
  for (const key of Object.keys(value)) {
    if (key !== 'kind' && !Object.hasOwn(fields, key))
      throw new SampleChangeError(`${where} (${kind}): unknown field "${key}"`);
  }
  for (const [key, [type, required]] of Object.entries(fields)) {
    if (!(key in value) || value[key] === undefined) {
      if (required)
        throw new SampleChangeError(`${where} (${kind}): "${key}" is required`);
      continue;
    }
    const problem = typeError(value[key], type);
    if (problem)
      throw new SampleChangeError(`${where} (${kind}): "${key}" ${problem}`);
  }
  // Every field was checked against the kind's table just above.
  return value as unknown as SampleChange;
}

/** A JSON value as a batch, or a SampleChangeError naming the first thing wrong with it. */
export function validateBatch(value: unknown): ChangeBatch {
  if (!isRecord(value))
    throw new SampleChangeError('the batch must be a JSON object');
  const allowed = [
    'organization',
    'changes',
    'at',
    'actorMemberId',
    'ipAddress',
  ];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new SampleChangeError(`unknown batch field "${key}"`);
  }
  if (typeof value.organization !== 'string' || value.organization === '')
    throw new SampleChangeError('"organization" must be a slug or id');
  if (!Array.isArray(value.changes))
    throw new SampleChangeError('"changes" must be a list');
  if (
    value.at !== undefined &&
    (typeof value.at !== 'string' || !isIsoDateTime(value.at))
  )
    throw new SampleChangeError('"at" must be an ISO 8601 date-time');
  for (const key of ['actorMemberId', 'ipAddress']) {
    if (value[key] !== undefined && typeof value[key] !== 'string')
      throw new SampleChangeError(`"${key}" must be a string`);
  }
  const changes = value.changes.map((change, index) =>
    checkChange(change, `changes[${index}]`),
  );
  return { ...(value as unknown as ChangeBatch), changes };
}
