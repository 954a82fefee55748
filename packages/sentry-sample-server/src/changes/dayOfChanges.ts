import { Random } from '../generator/random';
import { FREQUENCIES } from '../generator/workflows';
import { SampleStore } from '../server/sampleStore';
import { ORG_ROLE_SCOPES } from '../server/scopes';
import type { ChangeBatch, SampleChange } from '../types/sampleChange';
import type { SampleData } from '../types/sampleData';
import type { MemberJson, OrgRole } from '../types/sentryJson';
import { SampleChangeError } from './organizationDraft';

export interface DayOfChangesOptions {
  /** Default 1. The same data and seed always give the same batch. */
  seed?: number;
  /** Slug or id; default the first organization. */
  organization?: string;
  /** Passed on as the batch's `at`. */
  at?: string;
}

const ROLES = Object.keys(ORG_ROLE_SCOPES) as OrgRole[];

/**
 * A realistic day in a busy organization, for benchmarks of routine runs: 20 members changed
 * (8 org roles, 6 2FA enrolments, 4 invites, 2 invites accepted), 5 team memberships (3 added
 * with a team role, 2 removed), 50 new releases, 3 alert rules (workflows) edited, 1 project
 * added and 1 removed. Members, teams and rules are drawn from the data with a seeded random.
 */
export function dayOfChanges(
  data: SampleData,
  options: DayOfChangesOptions = {},
): ChangeBatch {
  return dayOfChangesIn(new SampleStore(data), options);
}

/** dayOfChanges on the data a running server serves now (POST /__sample/day-of-changes). */
export function dayOfChangesIn(
  store: SampleStore,
  options: DayOfChangesOptions = {},
): ChangeBatch {
  const seed = options.seed ?? 1;
  const view = options.organization
    ? store.organization(options.organization)
    : store.organizations[0];
  if (!view) throw new SampleChangeError('no such organization');
  const random = Random.for(seed, view.slug, 'day-of-changes');
  const used = new Set<string>();
  /** A member not picked yet that `fits`; drawn at random, a few hundred tries at most. */
  const pickMember = (fits: (member: MemberJson) => boolean) => {
    for (let attempt = 0; attempt < 500 && view.members.count > 0; attempt++) {
      const member = view.members.get(random.int(0, view.members.count - 1));
      if (!used.has(member.id) && fits(member)) {
        used.add(member.id);
        return member;
      }
    }
    throw new SampleChangeError(
      `organization ${view.slug} has too few members for a day of changes`,
    );
  };
  const changes: SampleChange[] = [];
  const isOwner = (member: MemberJson) =>
    (member.orgRole ?? member.role) === 'owner';

  // Invites are few: the two to accept are picked first.
  const accepted = [0, 1].map(() =>
    pickMember(candidate => candidate.pending && !candidate.user),
  );
  for (let count = 0; count < 8; count++) {
    const member = pickMember(
      candidate => candidate.user !== null && !isOwner(candidate),
    );
    const current = member.orgRole ?? member.role;
    const roles = ROLES.filter(role => role !== current && role !== 'owner');
    changes.push({
      kind: 'member-role',
      memberId: member.id,
      role: random.pick(roles),
    });
  }
  for (let count = 0; count < 6; count++) {
    const member = pickMember(candidate => candidate.user !== null);
    changes.push({
      kind: 'member-2fa',
      memberId: member.id,
      enabled: !member.user?.has2fa,
    });
  }
  const teamSlugs = Array.from(
    { length: view.teams.count },
    (_, index) => view.teams.get(index).slug,
  );
  const day = random.hex(6);
  for (let count = 0; count < 4; count++) {
    changes.push({
      kind: 'member-invite',
      email: `new.hire.${day}.${count + 1}@${view.slug}.example`,
      role: 'member',
      teams: teamSlugs.length ? [random.pick(teamSlugs)] : [],
    });
  }

  for (const invite of accepted)
    changes.push({ kind: 'invite-accepted', memberId: invite.id });

  const onTeam = (slug: string, memberId: string) =>
    view.membershipsOf(slug).some(row => row.memberId === memberId);
  for (let count = 0; count < 3 && teamSlugs.length; count++) {
    const team = random.pick(teamSlugs);
    const member = pickMember(
      candidate => candidate.user !== null && !onTeam(team, candidate.id),
    );
    changes.push({
      kind: 'team-member-added',
      team,
      memberId: member.id,
      teamRole: random.pick([null, 'contributor', 'admin']),
    });
  }
  const rows = teamSlugs.flatMap(team =>
    view.membershipsOf(team).map(row => ({ team, memberId: row.memberId })),
  );
  for (let count = 0; count < 2 && rows.length; count++) {
    const row = rows.splice(random.int(0, rows.length - 1), 1)[0];
    if (used.has(row.memberId)) {
      count--;
      continue;
    }
    used.add(row.memberId);
    changes.push({ kind: 'team-member-removed', ...row });
  }

  changes.push({ kind: 'releases-created', count: 50 });
  for (const index of random.distinct(3, view.workflows.count)) {
    const workflow = view.workflows.get(index);
    const current = workflow.config.frequency;
    changes.push({
      kind: 'workflow-changed',
      workflowId: workflow.id,
      frequency: random.pick(FREQUENCIES.filter(value => value !== current)),
    });
  }
  changes.push({
    kind: 'project-added',
    slug: `new-service-${day}`,
    name: `New service ${day}`,
    platform: 'python',
    teams: teamSlugs.length ? [random.pick(teamSlugs)] : [],
  });
  if (view.projects.count > 0) {
    const removed = view.projects.get(random.int(0, view.projects.count - 1));
    changes.push({ kind: 'project-removed', project: removed.slug });
  }
  return {
    organization: view.slug,
    changes,
    ...(options.at === undefined ? {} : { at: options.at }),
  };
}
