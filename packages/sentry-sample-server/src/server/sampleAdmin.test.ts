import { generateSampleData } from '../generator/generateSampleData';
import { dayOfChanges } from '../changes/dayOfChanges';
import type { MemberJson } from '../index';
import { walkAuditLog } from '../testing/auditLogHelpers';
import { collectAll } from '../testing/collectAll';
import { walkAllPages, withServer } from '../testing/httpTestHelpers';

function post(url: string, body: string) {
  return fetch(`${url}/__sample/changes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
}

describe('POST /__sample/changes', () => {
  const data = generateSampleData({ preset: 'S' });
  const members = collectAll<MemberJson>(data.organizations[0].members);

  it('applies a batch without Sentry auth and says what it did', async () => {
    await withServer({ data }, async server => {
      const response = await post(
        server.url,
        JSON.stringify({
          organization: 'acme',
          changes: [
            { kind: 'member-role', memberId: members[10].id, role: 'admin' },
          ],
        }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        organization: 'acme',
        applied: 1,
        auditLogEntries: 1,
      });
    });
  });

  it('answers 400 with a message naming what is wrong, and applies nothing of the batch', async () => {
    await withServer({ data }, async server => {
      const cases: Array<[string, string]> = [
        ['{not json', 'the body is not JSON'],
        ['[]', 'the batch must be a JSON object'],
        ['{"organization":"acme"}', '"changes" must be a list'],
        [
          '{"organization":"nowhere","changes":[]}',
          'organization nowhere does not exist',
        ],
        [
          JSON.stringify({
            organization: 'acme',
            changes: [{ kind: 'member-role', memberId: '1', role: 'king' }],
          }),
          'changes[0] (member-role): "role" must be one of member, admin, manager, owner, billing',
        ],
        [
          JSON.stringify({
            organization: 'acme',
            changes: [{ kind: 'explode' }],
          }),
          'changes[0].kind must be one of',
        ],
        [
          JSON.stringify({
            organization: 'acme',
            changes: [
              { kind: 'member-role', memberId: members[10].id, role: 'admin' },
              { kind: 'member-invite', email: 'new@acme.example' },
              { kind: 'member-removed', memberId: '999' },
            ],
          }),
          'changes[2] (member-removed): member 999 does not exist',
        ],
      ];
      for (const [body, message] of cases) {
        const response = await post(server.url, body);
        expect(response.status).toBe(400);
        const { detail } = (await response.json()) as { detail: string };
        expect(detail).toContain(message);
      }
      const log = await walkAuditLog(
        server,
        '/api/0/organizations/acme/audit-logs/',
      );
      expect(log.rows).toEqual([]);
      const listed = await walkAllPages<MemberJson>(
        server,
        '/api/0/organizations/acme/members/',
      );
      expect(listed.items).toEqual(members);
    });
  });

  it('accepts only POST', async () => {
    await withServer({ data }, async server => {
      const response = await fetch(`${server.url}/__sample/changes`);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    });
  });
});

describe('POST /__sample/day-of-changes', () => {
  const data = generateSampleData({ preset: 'S' });

  it("applies dayOfChanges of the data served now, as the benchmark's routine runs need", async () => {
    const expected = dayOfChanges(data, { seed: 7 });
    await withServer({ data }, async server => {
      const response = await fetch(`${server.url}/__sample/day-of-changes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ seed: 7 }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        organization: expected.organization,
        applied: expected.changes.length,
      });
    });
  });

  it('answers 400 for options it cannot use, and applies nothing', async () => {
    await withServer({ data }, async server => {
      for (const [body, detail] of [
        ['[]', 'the body must be a JSON object'],
        ['{"seed":1.5}', 'seed must be a whole number'],
        ['{"organization":7}', 'organization must be a slug or id'],
      ]) {
        const response = await fetch(`${server.url}/__sample/day-of-changes`, {
          method: 'POST',
          body,
        });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ detail });
      }
    });
  });
});
