import type { MemberJson, OrgRole } from '../types/sentryJson';
import { ROLE_NAMES } from '../server/scopes';
import { stringId } from './ids';
import {
  DAY_MS,
  isoWithMicros,
  itemRandom,
  type OrganizationContext,
  organizationSlugOf,
  timeWithinLife,
} from './organizationContext';
import { Random } from './random';
import { FIRST_NAMES, LAST_NAMES, UNICODE_PERSON_NAMES } from './vocabulary';

/** A person with a Sentry user account (emails belong to the organization they came from). */
interface Person {
  userId: string;
  name: string;
  email: string;
}

/** The facts about member i that other generators need, without building its JSON. */
export interface MemberTraits {
  index: number;
  id: string;
  pending: boolean;
  expired: boolean;
  orgRole: OrgRole;
  /** Older Sentry versions send only the deprecated `role`. */
  omitOrgRole: boolean;
  has2fa: boolean;
  person: Person;
}

function personOf(
  seed: number,
  organizationIndex: number,
  index: number,
): Person {
  const random = Random.for(seed, organizationIndex, 'person', index);
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const local = `${first}.${last}${index}`
    .toLowerCase()
    .replace(/[^a-z0-9.]/g, '');
  const unicode = index === 3 || random.chance(0.01);
  return {
    userId: stringId('user', organizationIndex, index),
    name: unicode
      ? UNICODE_PERSON_NAMES[index % UNICODE_PERSON_NAMES.length]
      : `${first} ${last}`,
    email: `${local}@${organizationSlugOf(organizationIndex)}.example`,
  };
}

/** Pending and expired invites; the first few indices are fixed so even tiny sets have them. */
function inviteStatusOf(
  seed: number,
  organizationIndex: number,
  index: number,
): { pending: boolean; expired: boolean } {
  if (index === 0) return { pending: false, expired: false };
  if (index === 1) return { pending: true, expired: false };
  if (index === 2) return { pending: true, expired: true };
  if (index < 10) return { pending: false, expired: false };
  const random = Random.for(seed, organizationIndex, 'invite', index);
  const pending = random.chance(0.06);
  return { pending, expired: pending && random.chance(0.35) };
}

// Fixed roles for low indices: an owner, the retired admin role, a manager, billing, a member
// without orgRole and a second owner; the rest is random.
const FIXED_ROLES: Record<number, OrgRole> = {
  0: 'owner',
  4: 'admin',
  5: 'manager',
  6: 'billing',
  7: 'member',
  8: 'owner',
};

export function memberTraits(
  context: OrganizationContext,
  index: number,
): MemberTraits {
  const random = itemRandom(context, 'member', index);
  const { pending, expired } = inviteStatusOf(
    context.seed,
    context.index,
    index,
  );
  const orgRole =
    FIXED_ROLES[index] ??
    random.weighted<OrgRole>([
      ['owner', 2],
      ['manager', 5],
      ['billing', 2],
      ['admin', 3],
      ['member', 88],
    ]);
  // Some people are members of the first organization too: same user, another membership.
  const shared =
    context.index > 0 &&
    index % 20 === 5 &&
    index < context.firstOrganizationMembers &&
    !pending &&
    !inviteStatusOf(context.seed, 0, index).pending;
  return {
    index,
    id: stringId('member', context.index, index),
    pending,
    expired,
    orgRole,
    omitOrgRole: index === 7 || (index >= 10 && random.chance(0.03)),
    has2fa: index === 0 || (index !== 9 && random.chance(0.65)),
    person: personOf(context.seed, shared ? 0 : context.index, index),
  };
}

export function memberJson(
  context: OrganizationContext,
  index: number,
): MemberJson {
  const traits = memberTraits(context, index);
  const random = itemRandom(context, 'member-json', index);
  const createdMs = timeWithinLife(
    context,
    (index + 1) / (context.sizes.members + 1),
  );
  const inviter = index === 0 ? null : memberTraits(context, 0).person.email;
  const { person } = traits;
  const lastLoginMs = Math.min(
    createdMs + random.int(1, 400) * DAY_MS,
    Date.UTC(2026, 4, 31),
  );
  const member: MemberJson = {
    id: traits.id,
    email: person.email,
    name: traits.pending ? person.email : person.name,
    user: traits.pending
      ? null
      : {
          id: person.userId,
          name: person.name,
          username: person.email,
          email: person.email,
          avatarUrl: `https://gravatar.com/avatar/${random.hex(32)}?s=32&d=mm`,
          isActive: true,
          isSuspended: false,
          hasPasswordAuth: random.chance(0.7),
          isManaged: false,
          dateJoined: isoWithMicros(
            createdMs - random.int(0, 30) * DAY_MS,
            random,
          ),
          lastLogin: isoWithMicros(lastLoginMs, random),
          has2fa: traits.has2fa,
          lastActive: isoWithMicros(
            lastLoginMs + random.int(0, 3_600_000),
            random,
          ),
          isSuperuser: false,
          isStaff: false,
          experiments: {},
          avatar: { avatarType: 'letter_avatar', avatarUuid: null },
          canReset2fa: true,
        },
    orgRole: traits.orgRole,
    role: traits.orgRole,
    roleName: ROLE_NAMES[traits.orgRole],
    pending: traits.pending,
    expired: traits.expired,
    flags: {
      'idp:provisioned': random.chance(0.05),
      'idp:role-restricted': false,
      'sso:linked': !traits.pending && random.chance(0.3),
      'sso:invalid': false,
      'member-limit:restricted': false,
      'partnership:restricted': false,
    },
    dateCreated: isoWithMicros(createdMs, random),
    inviteStatus: 'approved',
    inviterName: traits.pending || random.chance(0.5) ? inviter : null,
  };
  if (traits.omitOrgRole) delete member.orgRole;
  return member;
}
