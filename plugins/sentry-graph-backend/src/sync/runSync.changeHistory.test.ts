import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { acmeDayAfter as dayAfter } from '../__testUtils__/acmeDayAfter';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import {
  runTestSync,
  type TestSyncOptions,
} from '../__testUtils__/syncHarness';
import type { RecordedChange } from './changes/RunChanges';

const env = useAcmeEnvironment();
const { graph } = env;

/** One line per change, sorted: what a reader of /changes would see. */
function lines(changes: RecordedChange[]): string[] {
  return changes
    .map(c => {
      const related = c.related ? ` [${c.related.kind} ${c.related.name}]` : '';
      const field = c.field ? `.${c.field}` : '';
      const values =
        c.before === undefined && c.after === undefined
          ? ''
          : ` ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`;
      return `${c.kind} ${c.entity.name ?? c.entity.id}: ${c.change}${field}${values}${related}`;
    })
    .sort();
}

async function syncRecording(options: TestSyncOptions = {}) {
  const changes: RecordedChange[] = [];
  const result = await runTestSync(env.sentry, graph, {
    ...options,
    onChanges: batch => changes.push(...batch),
  });
  return { result, changes };
}

const SEEN_BY_EVERY_RUN = [
  'alertRule Errors everywhere: status.status "disabled" -> "active"',
  'alertRule New issues: changed.environment "production" -> "staging"',
  'alertRule New issues: changed.name "Notify on new issues" -> "New issues"',
  'member alice@acme.test: 2fa.has_2fa true -> false',
  'member carol@acme.test: role.role "member" -> "owner"',
  'member dave@acme.test: membership null -> "contributor" [team frontend]',
  'member dave@acme.test: team-role.role "contributor" -> "admin" [team backend]',
  'member erin@acme.test: sso.sso_linked false -> true',
  'member grace@acme.test: invite.pending "pending" -> "accepted"',
  'member heidi@acme.test: invite.expired "expired" -> "pending"',
  'member ivan@acme.test: added.role null -> "member"',
  'project orphan: team null -> "ops" [team ops]',
  'release acme: count.added null -> 1',
  'team platform: added',
];

describe('the change history of a run', () => {
  it('records one initial-import line for the first run of an organization', async () => {
    const { result, changes } = await syncRecording();
    expect(result.status).toBe('succeeded');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      organization: { id: '1001', slug: 'acme' },
      kind: 'organization',
      entity: { id: '1001', name: 'acme' },
      change: 'initial-import',
    });
    // The nodes and relationships the import wrote, its organization's node aside.
    const { organization: _, ...kinds } = result.organizations[0].kinds;
    const written = Object.values(kinds).reduce((sum, k) => sum + k.written, 0);
    expect(changes[0].after).toBe(written);
    expect(result.organizations[0].changes).toBe(1);
  });

  it('records each change of a full run once, with its old and new values, and what it removed', async () => {
    await syncRecording();
    env.sentry.setData({ organizations: [dayAfter()] });
    const { result, changes } = await syncRecording();
    expect(result.errors).toEqual([]);
    expect(result.status).toBe('succeeded');
    expect(lines(changes)).toEqual(
      [
        ...SEEN_BY_EVERY_RUN,
        'alertRule Web only: removed',
        'member dave@acme.test: team-role.role "contributor" -> "admin" [team backend]',
        'member frank@acme.test: membership "contributor" -> null [team frontend]',
        'member frank@acme.test: removed',
        'project web: team "backend" -> null [team backend]',
        'release acme: count.archived null -> 1',
        'team equipe: removed',
      ]
        .filter((line, i, all) => all.indexOf(line) === i)
        .sort(),
    );
    expect(result.organizations[0].changes).toBe(changes.length);
    expect(changes.every(c => c.organization.slug === 'acme')).toBe(true);

    // Nothing changed since: a third run records nothing.
    const again = await syncRecording();
    expect(again.result.status).toBe('succeeded');
    expect(lines(again.changes)).toEqual([]);
  });

  it('records what a routine run saw, and leaves the removals to the next full run', async () => {
    await syncRecording();
    env.sentry.setData({ organizations: [dayAfter()] });
    const routine = await syncRecording({ kind: 'routine' });
    expect(routine.result.kind).toBe('routine');
    const removals = routine.changes.filter(
      c => c.change === 'removed' || c.after === null,
    );
    expect(removals).toEqual([]);
    expect(lines(routine.changes)).toEqual(
      expect.arrayContaining([
        'member carol@acme.test: role.role "member" -> "owner"',
        'member ivan@acme.test: added.role null -> "member"',
        'release acme: count.added null -> 1',
      ]),
    );

    const full = await syncRecording();
    const seenByFull = lines(full.changes);
    expect(seenByFull).toEqual(
      expect.arrayContaining([
        'alertRule Web only: removed',
        'member frank@acme.test: removed',
        'team equipe: removed',
      ]),
    );
    // What the routine run recorded is not recorded again.
    for (const line of lines(routine.changes))
      expect(seenByFull).not.toContain(line);
  });

  it('records no change a failed listing did not write, nor a deletion it held back', async () => {
    await syncRecording();
    env.sentry.setData({ organizations: [dayAfter()] });
    env.sentry.setFaults([
      { path: '/organizations/acme/members/', kind: 'status', status: 500 },
      { path: '/teams/acme/frontend/members/', kind: 'status', status: 500 },
    ]);
    const { result, changes } = await syncRecording({
      sentry: { maxRetries: 1 },
    });
    expect(result.status).toBe('partial');
    const recorded = lines(changes);
    // Nothing of the members listing, nor of the frontend team's members.
    expect(recorded.filter(line => line.startsWith('member '))).toEqual([
      'member dave@acme.test: team-role.role "contributor" -> "admin" [team backend]',
    ]);
    // The rest was written, and recorded.
    expect(recorded).toEqual(
      expect.arrayContaining([
        'alertRule Web only: removed',
        'project orphan: team null -> "ops" [team ops]',
        'team platform: added',
      ]),
    );
    // Each recorded value is what the graph now holds.
    const carol = await graph.query<{ role: string }>(
      "MATCH (u:SentryUser {id: '2003'}) RETURN u.role AS role",
    );
    expect(carol).toEqual([{ role: 'member' }]);
  });

  it('records no deletion that the mass-deletion guard held back', async () => {
    await syncRecording();
    const acme = acmeOrganization();
    env.sentry.setData({
      organizations: [{ ...acme, members: acme.members.slice(0, 2) }],
    });
    const { result, changes } = await syncRecording();
    expect(result.status).toBe('partial');
    expect(changes.filter(c => c.change === 'removed')).toEqual([]);
  });
});
