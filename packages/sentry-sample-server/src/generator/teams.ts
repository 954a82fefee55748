import type { TeamMembership } from '../types/sampleData';
import type { TeamJson } from '../types/sentryJson';
import { stringId } from './ids';
import { memberTraits } from './members';
import { namesSortedBySlug } from './naming';
import {
  isoWithMicros,
  itemRandom,
  type OrganizationContext,
  timeWithinLife,
} from './organizationContext';
import { TEAM_AREAS, TEAM_SUFFIXES, UNICODE_TEAM_NAMES } from './vocabulary';

/** Teams in serving order (by slug) and who joined them. Cheap enough to hold for XL (2,000 teams). */
export interface TeamPlan {
  slugs: string[];
  names: string[];
  ids: string[];
  /** Creation order (the candidate index): ids and dates follow it, not the slug order. */
  creationIndex: number[];
  memberships: Record<string, TeamMembership[]>;
}

function teamName(index: number): { name: string } {
  if (index === 1) return { name: UNICODE_TEAM_NAMES[0] };
  if (index === 17 || index === 33)
    return { name: UNICODE_TEAM_NAMES[index === 17 ? 1 : 2] };
  const perRound = TEAM_AREAS.length * TEAM_SUFFIXES.length;
  const area = TEAM_AREAS[index % TEAM_AREAS.length];
  const suffix =
    TEAM_SUFFIXES[Math.floor(index / TEAM_AREAS.length) % TEAM_SUFFIXES.length];
  const round = Math.floor(index / perRound);
  return { name: `${area}${suffix}${round > 0 ? ` ${round + 1}` : ''}` };
}

export function planTeams(context: OrganizationContext): TeamPlan {
  const count = context.sizes.teams;
  const { order, names, slugs } = namesSortedBySlug(
    count,
    teamName,
    index => `team-${index + 1}`,
  );
  const plan: TeamPlan = {
    slugs,
    names,
    ids: order.map(index => stringId('team', context.index, index)),
    creationIndex: order,
    memberships: Object.fromEntries(
      slugs.map(slug => [slug, [] as TeamMembership[]]),
    ),
  };
  if (count > 0) assignMembers(context, plan);
  return plan;
}

/**
 * Who joined which team. Most members join one to three teams; pending invites join none.
 * Some teams stay empty, some have nobody with admin rights (no stored 'admin' role and no
 * member whose org role makes them Team Admin), and owners/managers join only a few teams.
 */
function assignMembers(context: OrganizationContext, plan: TeamPlan): void {
  const count = plan.slugs.length;
  const random = itemRandom(context, 'team-plan', 0);
  const empty = new Set<number>();
  const withoutAdmin = new Set<number>();
  for (let team = 0; team < count; team++) {
    if ((count >= 4 && team === count - 1) || random.chance(0.04))
      empty.add(team);
    else if ((count >= 4 && team === count - 2) || random.chance(0.12))
      withoutAdmin.add(team);
  }
  const open = range(count).filter(team => !empty.has(team));
  const openWithAdmins = open.filter(team => !withoutAdmin.has(team));

  for (let index = 0; index < context.sizes.members; index++) {
    const traits = memberTraits(context, index);
    if (traits.pending) continue;
    const memberRandom = itemRandom(context, 'member-teams', index);
    const teamAdminByRole =
      traits.orgRole === 'owner' ||
      traits.orgRole === 'manager' ||
      traits.orgRole === 'admin';
    const eligible = teamAdminByRole ? openWithAdmins : open;
    let wanted =
      index === 0
        ? 2
        : memberRandom.weighted([
            [0, 10],
            [1, 50],
            [2, 25],
            [3, 15],
          ]);
    if (traits.orgRole === 'owner' || traits.orgRole === 'manager')
      wanted = Math.min(wanted, Math.max(0, count - 1));
    for (const team of pickSkewed(memberRandom, eligible, wanted)) {
      let teamRole = memberRandom.weighted<TeamMembership['teamRole']>([
        [null, 85],
        ['admin', 8],
        ['contributor', 7],
      ]);
      if (withoutAdmin.has(team) && teamRole === 'admin') teamRole = null;
      plan.memberships[plan.slugs[team]].push({
        memberId: traits.id,
        teamRole,
      });
    }
  }
  ensureStoredRole(plan, withoutAdmin, 'admin');
  ensureStoredRole(plan, withoutAdmin, 'contributor');
}

/** Popular teams are picked more often (a squared draw skews towards the front). */
function pickSkewed(
  random: ReturnType<typeof itemRandom>,
  eligible: number[],
  wanted: number,
): number[] {
  const chosen = new Set<number>();
  const target = Math.min(wanted, eligible.length);
  for (
    let attempt = 0;
    chosen.size < target && attempt < target * 20;
    attempt++
  ) {
    const draw = random.float();
    chosen.add(eligible[Math.floor(draw * draw * eligible.length)]);
  }
  return [...chosen];
}

/** Small data sets may miss a stored role by chance; set one so every case is present. */
function ensureStoredRole(
  plan: TeamPlan,
  withoutAdmin: Set<number>,
  role: 'admin' | 'contributor',
): void {
  const all = plan.slugs.flatMap((slug, team) =>
    plan.memberships[slug].map(membership => ({ team, membership })),
  );
  if (all.some(({ membership }) => membership.teamRole === role)) return;
  const candidate = all.find(
    ({ team, membership }) =>
      membership.teamRole === null &&
      (role !== 'admin' || !withoutAdmin.has(team)),
  );
  if (candidate) candidate.membership.teamRole = role;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

export function teamJson(
  context: OrganizationContext,
  plan: TeamPlan,
  index: number,
): TeamJson {
  const created = plan.creationIndex[index];
  const random = itemRandom(context, 'team', created);
  const slug = plan.slugs[index];
  return {
    id: plan.ids[index],
    slug,
    name: plan.names[index],
    dateCreated: isoWithMicros(
      timeWithinLife(context, (created + 1) / (plan.slugs.length + 2)),
      random,
    ),
    isMember: false,
    teamRole: null,
    flags: { 'idp:provisioned': random.chance(0.05) },
    access: [],
    hasAccess: true,
    isPending: false,
    memberCount: plan.memberships[slug].length,
    avatar: { avatarType: 'letter_avatar', avatarUuid: null },
  };
}
