/*
 * The demo's Backstage catalog, written for the sample organization the
 * demo's sample server serves (the same preset and seed), so that entity
 * pages show real links: components with the sentry.io/project-slug
 * annotation and without, one whose annotation points nowhere, groups named
 * after Sentry teams (and one annotated, one with no team), and users whose
 * emails are Sentry members' — an admin without 2FA among them.
 *
 *   demoCatalog.ts <file.yaml> [--preset M] [--seed 1]
 *
 * The demo (scripts/demo.sh) and the browser tests write it at start and
 * point the catalog's file location at it (DEMO_CATALOG_FILE).
 */
import type { Entity } from '@backstage/catalog-model';
import {
  generateSampleData,
  type MemberJson,
  type SampleOrganization,
  type SizePreset,
} from '@sentry-graph/sentry-sample-server';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

/** The first `count` items of a listing, without materializing the rest. */
function first<T>(
  collection: readonly T[] | { count: number; get(index: number): T },
  count: number,
): T[] {
  if (Array.isArray(collection)) return collection.slice(0, count);
  const lazy = collection as { count: number; get(index: number): T };
  return Array.from({ length: Math.min(count, lazy.count) }, (_, i) =>
    lazy.get(i),
  );
}

function entity(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  metadata: { annotations?: Record<string, string>; description?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, ...metadata },
    spec: spec as Entity['spec'],
  };
}

/** A catalog user name from an email: its local part, as Backstage allows names. */
const userName = (member: MemberJson) =>
  member.email
    .split('@')[0]
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .slice(0, 63);

export function demoCatalog(org: SampleOrganization): Entity[] {
  const slug = org.organization.slug;
  // Six projects that have a team, and the teams of the first five.
  const projects = first(org.projects, 50)
    .filter(project => project.teams.length > 0)
    .slice(0, 6);
  const teamOf = projects.map(project => project.teams[0].slug);
  const members = new Map(
    first(org.members, 5_000).map(member => [member.id, member]),
  );

  // Groups: named after their Sentry team, one annotated, one with no team.
  const groupOf = new Map<string, string>();
  const groups: Entity[] = [];
  for (const team of new Set(teamOf.slice(0, 4))) {
    groupOf.set(team, team);
    groups.push(entity('Group', team, { type: 'team', children: [] }));
  }
  if (!groupOf.has(teamOf[4])) {
    groupOf.set(teamOf[4], 'sre');
    groups.push(
      entity(
        'Group',
        'sre',
        { type: 'team', children: [] },
        {
          annotations: { 'sentry.io/team-slug': teamOf[4] },
          description: `Matched to the Sentry team ${teamOf[4]} by its annotation`,
        },
      ),
    );
  }
  groups.push(
    entity(
      'Group',
      'design',
      { type: 'team', children: [] },
      {
        description: 'No Sentry team has this name',
      },
    ),
  );

  // Components on those projects, owned by the group of the project's team;
  // the last one by design, whose team is not on it.
  const components = projects.map((project, i) => {
    const owner = i === 5 ? 'design' : (groupOf.get(teamOf[i]) ?? 'design');
    const annotation = i === 1 ? `${slug}/${project.slug}` : project.slug;
    return entity(
      'Component',
      project.slug,
      {
        type: i === 2 ? 'website' : 'service',
        lifecycle: 'production',
        owner,
      },
      { annotations: { 'sentry.io/project-slug': annotation } },
    );
  });
  components.push(
    entity(
      'Component',
      'legacy-billing',
      { type: 'service', lifecycle: 'deprecated', owner: 'design' },
      {
        annotations: { 'sentry.io/project-slug': 'billing-v1' },
        description: 'Its annotation names a project Sentry does not have',
      },
    ),
    entity('Component', 'payments-gateway', {
      type: 'service',
      lifecycle: 'production',
      owner: groupOf.get(teamOf[0]) ?? 'design',
    }),
    entity('Component', 'design-system', {
      type: 'library',
      lifecycle: 'production',
      owner: 'design',
    }),
  );

  // Users: some members of each matched team, and an admin without 2FA.
  const users = new Map<string, { member: MemberJson; groups: Set<string> }>();
  const addUser = (member: MemberJson | undefined, group: string) => {
    if (!member || member.pending) return;
    const user = users.get(member.id) ?? { member, groups: new Set<string>() };
    user.groups.add(group);
    users.set(member.id, user);
  };
  for (const [team, group] of groupOf) {
    for (const membership of (org.teamMembers[team] ?? []).slice(0, 4)) {
      addUser(members.get(membership.memberId), group);
    }
  }
  const adminWithout2fa = [...members.values()].find(
    m =>
      ['owner', 'manager'].includes(m.orgRole ?? m.role ?? '') &&
      m.user?.has2fa === false &&
      !m.pending,
  );
  addUser(adminWithout2fa, groupOf.get(teamOf[0]) ?? 'design');
  const userEntities = [...users.values()].map(({ member, groups: memberOf }) =>
    entity('User', userName(member), {
      profile: { email: member.email, displayName: member.name },
      memberOf: [...memberOf],
    }),
  );
  userEntities.push(
    entity('User', 'contractor', {
      profile: { email: 'contractor@elsewhere.example' },
      memberOf: ['design'],
    }),
  );
  return [...components, ...groups, ...userEntities];
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      preset: { type: 'string', default: 'M' },
      seed: { type: 'string', default: '1' },
    },
  });
  const file = positionals[0];
  if (!file)
    throw new Error(
      'usage: demoCatalog.ts <file.yaml> [--preset M] [--seed 1]',
    );
  const data = generateSampleData({
    preset: values.preset!.toUpperCase() as SizePreset,
    seed: Number(values.seed),
  });
  const entities = demoCatalog(data.organizations[0]);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, entities.map(e => stringify(e)).join('---\n'));
  process.stdout.write(
    `wrote ${entities.length} catalog entities to ${file}\n`,
  );
}

if (require.main === module) main();
