import { generateSampleData } from '../generator/generateSampleData';
import { isoToEpochMs } from '../isoTime';
import type { AuditLogEntryJson, MemberJson } from '../index';
import { ALL_SCOPES } from '../index';
import { walkAuditLog } from '../testing/auditLogHelpers';
import { collectAll } from '../testing/collectAll';
import { get, TOKEN, withServer } from '../testing/httpTestHelpers';
import type { SampleChange } from '../types/sampleChange';

const PATH = '/api/0/organizations/acme/audit-logs/';

function acme() {
  const data = generateSampleData({ preset: 'S' });
  const members = collectAll<MemberJson>(data.organizations[0].members);
  return { data, members };
}

/** Role changes for the members at these indices (each one `member.edit`). */
function roleChanges(members: MemberJson[], indices: number[]): SampleChange[] {
  return indices.map(index => ({
    kind: 'member-role',
    memberId: members[index].id,
    role: 'admin',
  }));
}

describe('the audit log', () => {
  it('answers 403 with Sentry’s body without org:write, and serves org:write, org:admin and managers', async () => {
    const { data, members } = acme();
    const plainMember = members[7]; // role 'member' in generated data
    const manager = members[5];
    await withServer(
      {
        data,
        tokens: [
          { token: TOKEN, scopes: [...ALL_SCOPES] },
          { token: 'read-only', scopes: ['org:read', 'member:read'] },
          { token: 'admin', scopes: ['org:admin'] },
          { token: 'write', scopes: ['org:write'] },
          {
            token: 'member',
            scopes: [...ALL_SCOPES],
            memberId: plainMember.id,
          },
          { token: 'manager', scopes: [...ALL_SCOPES], memberId: manager.id },
        ],
      },
      async server => {
        for (const token of ['read-only', 'member']) {
          const response = await get(server, PATH, token);
          expect(response.status).toBe(403);
          expect(await response.json()).toEqual({
            detail: 'You do not have permission to perform this action.',
          });
        }
        for (const token of ['admin', 'write', 'manager'])
          expect((await get(server, PATH, token)).status).toBe(200);
      },
    );
  });

  it('starts empty and answers {rows, options} with every registered event name', async () => {
    await withServer({ data: acme().data }, async server => {
      const response = await get(server, PATH);
      const body = (await response.json()) as {
        rows: unknown[];
        options: string[];
      };
      expect(body.rows).toEqual([]);
      expect(body.options).toEqual(
        expect.arrayContaining([
          'member.invite',
          'member.join-team',
          'project-team.add',
          'workflow.edit',
          'rule.edit',
        ]),
      );
      expect(response.headers.get('link')).toContain(
        'rel="next"; results="false"',
      );
    });
  });

  it('pages newest first through every entry with DateTimePaginator cursors, none twice, none lost', async () => {
    const { data, members } = acme();
    await withServer({ data }, async server => {
      server.applyChanges({
        organization: 'acme',
        at: '2026-12-01T10:00:00Z',
        changes: roleChanges(members, [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]),
      });
      server.applyChanges({
        organization: 'acme',
        at: '2026-12-02T10:00:00Z',
        changes: roleChanges(members, [20, 21, 22, 23, 24, 25, 26]),
      });
      const { rows, pages } = await walkAuditLog(server, `${PATH}?per_page=4`);
      expect(rows).toHaveLength(17);
      expect(pages).toBe(5);
      expect(new Set(rows.map(row => row.id)).size).toBe(17);
      const times = rows.map(row => row.dateCreated);
      expect(times).toEqual([...times].sort().reverse());
      expect(rows[0].targetObject).toBe(Number(members[26].id));
      expect(rows[16].targetObject).toBe(Number(members[10].id));
      // The cursor's value is the row's time in epoch ms, as DateTimePaginator keys it.
      const first = await get(server, `${PATH}?per_page=4`);
      const link = first.headers.get('link') ?? '';
      const cursor = /rel="next"; results="true"; cursor="(\d+):\d+:0"/.exec(
        link,
      );
      expect(Number(cursor?.[1])).toBe(
        Math.ceil(isoToEpochMs(rows[3].dateCreated)),
      );
    });
  });

  it('shapes rows as AuditLogEntrySerializer does, with the data and note Sentry writes', async () => {
    const { data, members } = acme();
    const owner = members[0];
    const joiner = members[12];
    await withServer({ data }, async server => {
      const team = data.organizations[0].teamMembers;
      const slug = Object.keys(team).find(
        candidate => !team[candidate].some(row => row.memberId === joiner.id),
      )!;
      server.applyChanges({
        organization: 'acme',
        at: '2026-12-03T08:00:00Z',
        changes: [
          { kind: 'team-member-added', team: slug, memberId: joiner.id },
        ],
      });
      const body = (await (await get(server, PATH)).json()) as {
        rows: AuditLogEntryJson[];
      };
      expect(body.rows).toHaveLength(1);
      const [row] = body.rows;
      expect(Object.keys(row).sort()).toEqual(
        [
          'actor',
          'data',
          'dateCreated',
          'event',
          'id',
          'ipAddress',
          'note',
          'targetObject',
          'targetUser',
        ].sort(),
      );
      expect(row).toMatchObject({
        event: 'member.join-team',
        actor: { id: owner.user!.id, email: owner.user!.email },
        targetUser: { id: joiner.user!.id },
        data: {
          team_slug: slug,
          member_id: Number(joiner.id),
          email: joiner.email,
          is_active: true,
        },
        note: `added ${joiner.email} to team ${slug}`,
        dateCreated: '2026-12-03T08:00:00.000000Z',
      });
      expect(typeof row.targetObject).toBe('number');
    });
  });

  it('filters by one event name and by actor id; an unknown event matches nothing', async () => {
    const { data, members } = acme();
    const manager = members[5];
    await withServer({ data }, async server => {
      server.applyChanges({
        organization: 'acme',
        changes: roleChanges(members, [10, 11]),
      });
      server.applyChanges({
        organization: 'acme',
        actorMemberId: manager.id,
        changes: [
          { kind: 'member-invite', email: 'someone@acme.example' },
          { kind: 'member-role', memberId: members[12].id, role: 'manager' },
        ],
      });
      const invites = await walkAuditLog(server, `${PATH}?event=member.invite`);
      expect(invites.rows.map(row => row.event)).toEqual(['member.invite']);
      expect(invites.rows[0].data).toMatchObject({
        email: 'someone@acme.example',
        user: null,
        invite_status: 'approved',
      });
      const edits = await walkAuditLog(server, `${PATH}?event=member.edit`);
      expect(edits.rows).toHaveLength(3);
      const byManager = await walkAuditLog(
        server,
        `${PATH}?actor=${manager.user!.id}`,
      );
      expect(byManager.rows.map(row => row.event)).toEqual([
        'member.edit',
        'member.invite',
      ]);
      const both = await walkAuditLog(
        server,
        `${PATH}?actor=${manager.user!.id}&event=member.edit`,
      );
      expect(both.rows.map(row => row.targetObject)).toEqual([
        Number(members[12].id),
      ]);
      expect(
        (await walkAuditLog(server, `${PATH}?event=no.such`)).rows,
      ).toEqual([]);
    });
  });

  it('keeps the entries between start and end, and answers field errors with 400', async () => {
    const { data, members } = acme();
    await withServer({ data }, async server => {
      for (const [day, index] of [
        ['01', 10],
        ['02', 11],
        ['03', 12],
      ] as const)
        server.applyChanges({
          organization: 'acme',
          at: `2026-12-${day}T12:00:00Z`,
          changes: roleChanges(members, [index]),
        });
      const range = await walkAuditLog(
        server,
        `${PATH}?start=2026-12-01T13:00:00Z&end=2026-12-03T11:00:00Z`,
      );
      expect(range.rows.map(row => row.targetObject)).toEqual([
        Number(members[11].id),
      ]);
      const bad = await get(server, `${PATH}?actor=someone&start=yesterday`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        actor: ['A valid integer is required.'],
        start: [
          'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
        ],
      });
    });
  });
});
