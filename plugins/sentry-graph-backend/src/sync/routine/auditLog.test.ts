import type { SentryAuditLogEntry } from '../../sentry';
import { auditSignals } from './auditLog';

const entry = (
  event: string,
  data: Record<string, unknown>,
  targetObject: string | null = null,
): SentryAuditLogEntry => ({
  id: '1',
  event,
  targetObject,
  data,
  dateCreated: '2026-12-07T10:00:00.000Z',
});

describe('auditSignals', () => {
  it('names the teams of joins, leaves, added, accepted and edited members, and the edited members', () => {
    const signals = auditSignals([
      entry('member.join-team', { team_slug: 'ops', member_id: 7 }, '55'),
      entry('member.leave-team', { team_slug: 'web' }, '56'),
      entry('member.add', { teams: [3001], teams_slugs: ['backend'] }, '2001'),
      entry('member.accept-invite', { teams: [3002, '3003'] }, '2002'),
      entry('member.edit', { role: 'member', teams: [] }, '2003'),
    ]);
    expect([...signals.teamSlugs].sort()).toEqual(['backend', 'ops', 'web']);
    expect([...signals.teamIds].sort()).toEqual(['3001', '3002', '3003']);
    expect([...signals.editedMemberIds]).toEqual(['2003']);
  });

  it('ignores other events and data of another shape', () => {
    const signals = auditSignals([
      entry('project.create', { slug: 'new', teams: [9] }, '4009'),
      entry('member.invite', { teams: [3001] }, '2009'),
      entry('member.join-team', { team_slug: 42.5 }),
      entry('member.accept-invite', { teams: 'backend', teams_slugs: [null] }),
    ]);
    expect(signals.teamSlugs.size).toBe(0);
    expect(signals.teamIds.size).toBe(0);
    expect(signals.editedMemberIds.size).toBe(0);
  });
});
