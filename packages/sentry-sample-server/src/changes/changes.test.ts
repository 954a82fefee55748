import { generateSampleData } from '../generator/generateSampleData';
import type {
  MemberJson,
  ReleaseJson,
  TeamJson,
  TeamMemberJson,
  WorkflowJson,
} from '../index';
import { applyChanges, dayOfChanges } from '../index';
import { walkAuditLog } from '../testing/auditLogHelpers';
import { collectAll } from '../testing/collectAll';
import { get, walkAllPages, withServer } from '../testing/httpTestHelpers';

function acme() {
  const data = generateSampleData({ preset: 'S' });
  const organization = data.organizations[0];
  return {
    data,
    members: collectAll<MemberJson>(organization.members),
    teamMembers: organization.teamMembers,
  };
}

const TEAMS = '/api/0/organizations/acme/teams/?detailed=0';

describe('changes applied between runs', () => {
  it('move memberCount with membership adds, removes, invites with teams and removed members', async () => {
    const { data, members, teamMembers } = acme();
    const [slug] = Object.keys(teamMembers).filter(
      team => teamMembers[team].length >= 2,
    );
    const [leaver, stayer] = teamMembers[slug];
    const joiner = members.find(
      member =>
        member.user &&
        !teamMembers[slug].some(row => row.memberId === member.id),
    )!;
    await withServer({ data }, async server => {
      const before = (await walkAllPages<TeamJson>(server, TEAMS)).items.find(
        team => team.slug === slug,
      )!;
      expect(before.memberCount).toBe(teamMembers[slug].length);
      server.applyChanges({
        organization: 'acme',
        changes: [
          {
            kind: 'team-member-added',
            team: slug,
            memberId: joiner.id,
            teamRole: 'admin',
          },
          {
            kind: 'team-member-removed',
            team: slug,
            memberId: leaver.memberId,
          },
          {
            kind: 'member-invite',
            email: 'invitee@acme.example',
            teams: [slug],
          },
          { kind: 'member-removed', memberId: stayer.memberId },
        ],
      });
      const after = (await walkAllPages<TeamJson>(server, TEAMS)).items.find(
        team => team.slug === slug,
      )!;
      // +1 joiner, −1 leaver, +1 invite (pending invites have team rows), −1 removed member
      expect(after.memberCount).toBe(before.memberCount);
      const listed = await walkAllPages<TeamMemberJson>(
        server,
        `/api/0/teams/acme/${slug}/members/`,
      );
      expect(listed.items).toHaveLength(after.memberCount);
      const ids = listed.items.map(member => member.id);
      expect(ids).toContain(joiner.id);
      expect(ids).not.toContain(leaver.memberId);
      expect(ids).not.toContain(stayer.memberId);
      const invite = listed.items.find(
        member => member.email === 'invitee@acme.example',
      );
      expect(invite).toMatchObject({
        pending: true,
        user: null,
        teamRole: null,
      });
      expect(
        listed.items.find(member => member.id === joiner.id)?.teamRole,
      ).toBe('admin');
      // The member removed is gone from the members listing; the cascade wrote no leave-team.
      const all = await walkAllPages<MemberJson>(
        server,
        '/api/0/organizations/acme/members/',
      );
      expect(all.items.map(member => member.id)).not.toContain(stayer.memberId);
      const log = await walkAuditLog(
        server,
        '/api/0/organizations/acme/audit-logs/',
      );
      expect(log.rows.map(row => row.event)).toEqual([
        'member.remove',
        'member.invite',
        'member.leave-team',
        'member.join-team',
      ]);
    });
  });

  it('change roles and 2FA in the members listing; 2FA and team roles write no audit entry', async () => {
    const { data, members, teamMembers } = acme();
    const slug = Object.keys(teamMembers).find(
      team => teamMembers[team].length > 0,
    )!;
    const row = teamMembers[slug][0];
    await withServer({ data }, async server => {
      server.applyChanges({
        organization: 'acme',
        changes: [
          { kind: 'member-role', memberId: members[10].id, role: 'manager' },
          {
            kind: 'member-2fa',
            memberId: members[11].id,
            enabled: !members[11].user!.has2fa,
          },
          {
            kind: 'team-role',
            team: slug,
            memberId: row.memberId,
            teamRole: 'admin',
          },
        ],
      });
      const all = (
        await walkAllPages<MemberJson>(
          server,
          '/api/0/organizations/acme/members/',
        )
      ).items;
      const byId = new Map(all.map(member => [member.id, member]));
      expect(byId.get(members[10].id)).toMatchObject({
        role: 'manager',
        roleName: 'Manager',
      });
      expect(byId.get(members[11].id)?.user?.has2fa).toBe(
        !members[11].user!.has2fa,
      );
      const log = await walkAuditLog(
        server,
        '/api/0/organizations/acme/audit-logs/',
      );
      expect(log.rows.map(entry => entry.event)).toEqual(['member.edit']);
      expect(log.rows[0].note).toBe(
        `edited member ${members[10].email} (role: manager, teams: N/A)`,
      );
    });
  });

  it('put new releases first, filter them by creation time, and list archived ones with status=archived', async () => {
    const { data } = acme();
    const releases = collectAll<ReleaseJson>(data.organizations[0].releases);
    const open = releases.find(release => release.status === 'open')!;
    await withServer({ data }, async server => {
      server.applyChanges({
        organization: 'acme',
        at: '2026-12-05T09:00:00Z',
        changes: [
          { kind: 'releases-created', count: 3, projects: ['backend'] },
          { kind: 'release-archived', version: open.version },
        ],
      });
      const path = '/api/0/organizations/acme/releases/?project=-1&per_page=5';
      const newest = (await (await get(server, path)).json()) as ReleaseJson[];
      expect(newest.slice(0, 3).map(release => release.dateCreated)).toEqual([
        '2026-12-05T09:00:00.000002Z',
        '2026-12-05T09:00:00.000001Z',
        '2026-12-05T09:00:00.000000Z',
      ]);
      expect(newest[0].projects.map(project => project.slug)).toEqual([
        'backend',
      ]);
      const since = await walkAllPages<ReleaseJson>(
        server,
        `${path}&start=2026-12-04T00:00:00Z&end=2026-12-06T00:00:00Z`,
      );
      expect(since.items.map(release => release.version)).toEqual(
        newest.slice(0, 3).map(release => release.version),
      );
      const recent = await walkAllPages<ReleaseJson>(
        server,
        `${path}&statsPeriod=1h`,
      );
      expect(recent.items).toEqual([]);
      const archived = await walkAllPages<ReleaseJson>(
        server,
        `${path}&status=archived`,
      );
      expect(archived.items.map(release => release.version)).toContain(
        open.version,
      );
      const opened = await walkAllPages<ReleaseJson>(server, path);
      expect(opened.items.map(release => release.version)).not.toContain(
        open.version,
      );
      // date_added did not move: the archived release keeps its place among the archived ones.
      const archivedBefore = releases.filter(
        release =>
          release.status === 'archived' || release.version === open.version,
      );
      expect(archived.items.map(release => release.version)).toEqual(
        archivedBefore.map(release => release.version),
      );
    });
  });

  it('answer bad date ranges and sorts with Sentry’s 400s', async () => {
    await withServer({ data: acme().data }, async server => {
      const path = '/api/0/organizations/acme/releases/?project=-1';
      const cases: Array<[string, unknown]> = [
        [
          '&start=2026-01-01T00:00:00Z',
          { detail: 'Invalid date range: start and end are both required' },
        ],
        [
          '&statsPeriod=1y',
          { detail: "Invalid date range: Invalid statsPeriod: '1y'" },
        ],
        [
          '&start=2026-02-01&end=2026-01-01',
          { detail: 'Invalid date range: start must be before end' },
        ],
        [
          '&sort=crash_free_users',
          {
            detail:
              'sorting by crash statistics requires flattening (flatten=1)',
          },
        ],
        ['&sort=newest', { detail: 'invalid sort' }],
      ];
      for (const [query, body] of cases) {
        const response = await get(server, `${path}${query}`);
        expect([query, response.status]).toEqual([query, 400]);
        expect(await response.json()).toEqual(body);
      }
    });
  });

  it('bump a workflow’s dateUpdated, so sortBy=-dateUpdated lists it first', async () => {
    const { data } = acme();
    const workflows = collectAll<WorkflowJson>(data.organizations[0].workflows);
    const [older, newer] = [workflows[4], workflows[1]];
    await withServer({ data }, async server => {
      server.applyChanges({
        organization: 'acme',
        at: '2026-12-06T10:00:00Z',
        changes: [
          { kind: 'workflow-changed', workflowId: older.id, frequency: 1440 },
        ],
      });
      server.applyChanges({
        organization: 'acme',
        at: '2026-12-06T11:00:00Z',
        changes: [
          { kind: 'workflow-changed', workflowId: newer.id, name: 'Renamed' },
        ],
      });
      const path = '/api/0/organizations/acme/workflows/?per_page=3';
      const descending = await walkAllPages<WorkflowJson>(
        server,
        `${path}&sortBy=-dateUpdated`,
      );
      expect(descending.items.slice(0, 2).map(workflow => workflow.id)).toEqual(
        [newer.id, older.id],
      );
      expect(descending.items[0]).toMatchObject({
        name: 'Renamed',
        dateUpdated: '2026-12-06T11:00:00.000000Z',
      });
      expect(descending.items[1].config.frequency).toBe(1440);
      const times = descending.items.map(workflow => workflow.dateUpdated);
      expect(times).toEqual([...times].sort().reverse());
      const ascending = await walkAllPages<WorkflowJson>(
        server,
        `${path}&sortBy=dateUpdated`,
      );
      expect(ascending.items.slice(-2).map(workflow => workflow.id)).toEqual([
        older.id,
        newer.id,
      ]);
      const log = await walkAuditLog(
        server,
        '/api/0/organizations/acme/audit-logs/?event=workflow.edit',
      );
      expect(log.rows.map(row => row.data)).toEqual([
        { name: 'Renamed' },
        { name: older.name },
      ]);
    });
  });

  it('add and remove projects in the projects listing and the log', async () => {
    const { data } = acme();
    await withServer({ data }, async server => {
      const detectorsOf = async (projectId: string) =>
        (
          await walkAllPages<{ projectId: string }>(
            server,
            '/api/0/organizations/acme/detectors/?project=-1',
          )
        ).items.filter(detector => detector.projectId === projectId);
      const backend = (await (
        await get(server, '/api/0/projects/acme/backend/')
      ).json()) as { id: string };
      expect((await detectorsOf(backend.id)).length).toBeGreaterThan(0);
      server.applyChanges({
        organization: 'acme',
        changes: [
          { kind: 'project-added', slug: 'aaa-new', teams: [] },
          { kind: 'project-removed', project: 'backend' },
        ],
      });
      const projects = await walkAllPages<{ slug: string }>(
        server,
        '/api/0/organizations/acme/projects/',
      );
      const slugs = projects.items.map(project => project.slug);
      expect(slugs[0]).toBe('aaa-new');
      expect(slugs).not.toContain('backend');
      expect((await get(server, '/api/0/projects/acme/backend/')).status).toBe(
        404,
      );
      // Sentry lists the detectors of active projects only.
      expect(await detectorsOf(backend.id)).toEqual([]);
      const log = await walkAuditLog(
        server,
        '/api/0/organizations/acme/audit-logs/',
      );
      expect(log.rows.map(row => [row.event, row.data.slug])).toEqual([
        ['project.remove', 'backend'],
        ['project.create', 'aaa-new'],
      ]);
    });
  });
});

describe('applyChanges on data', () => {
  it('returns new data and leaves the input as it was', () => {
    const { data, members } = acme();
    const changed = applyChanges(data, {
      organization: 'acme',
      changes: [
        { kind: 'member-role', memberId: members[10].id, role: 'billing' },
      ],
    });
    expect(collectAll(data.organizations[0].auditLog ?? [])).toEqual([]);
    expect(collectAll(changed.organizations[0].auditLog ?? [])).toHaveLength(1);
    const after = collectAll<MemberJson>(changed.organizations[0].members);
    expect(after[10].role).toBe('billing');
    expect(collectAll<MemberJson>(data.organizations[0].members)[10].role).toBe(
      members[10].role,
    );
  });
});

describe('a day of changes', () => {
  it('is the same for the same data and seed, another for another seed', () => {
    const { data } = acme();
    expect(dayOfChanges(data, { seed: 7 })).toEqual(
      dayOfChanges(generateSampleData({ preset: 'S' }), { seed: 7 }),
    );
    expect(dayOfChanges(data, { seed: 7 })).not.toEqual(
      dayOfChanges(data, { seed: 8 }),
    );
  });

  it('holds 20 member changes, 5 team memberships, 50 releases, 3 rules and a project added and removed, and applies', () => {
    const { data } = acme();
    const batch = dayOfChanges(data, { seed: 3, at: '2026-12-07T09:00:00Z' });
    const count = (...kinds: string[]) =>
      batch.changes.filter(change => kinds.includes(change.kind)).length;
    expect(
      count('member-role', 'member-2fa', 'member-invite', 'invite-accepted'),
    ).toBe(20);
    expect(count('team-member-added', 'team-member-removed')).toBe(5);
    expect(
      batch.changes.reduce(
        (sum, change) =>
          sum + (change.kind === 'releases-created' ? change.count : 0),
        0,
      ),
    ).toBe(50);
    expect(count('workflow-changed')).toBe(3);
    expect(count('project-added')).toBe(1);
    expect(count('project-removed')).toBe(1);
    const changed = applyChanges(data, batch);
    const log = collectAll(changed.organizations[0].auditLog ?? []);
    // 2FA writes none; 8 edits, 4 invites, 2 accepts, 5 team rows, 3 workflows, 2 projects.
    expect(log).toHaveLength(24);
    expect(collectAll(changed.organizations[0].releases)).toHaveLength(
      collectAll(data.organizations[0].releases).length + 50,
    );
  });
});
