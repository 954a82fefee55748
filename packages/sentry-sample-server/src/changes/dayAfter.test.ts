import { generateSampleData } from '../generator/generateSampleData';
import type {
  MemberJson,
  ProjectJson,
  SampleChange,
  WorkflowJson,
} from '../index';
import { dayAfter } from '../index';
import { walkAllPages, withServer } from '../testing/httpTestHelpers';

const ORG = '/api/0/organizations/acme';

function only<K extends SampleChange['kind']>(
  changes: SampleChange[],
  kind: K,
): Array<Extract<SampleChange, { kind: K }>> {
  return changes.filter(
    (c): c is Extract<SampleChange, { kind: K }> => c.kind === kind,
  );
}

describe('the day after', () => {
  it('is the same batch for the same data', () => {
    const data = generateSampleData({ preset: 'S' });
    expect(dayAfter(data, { organization: 'acme' })).toEqual(
      dayAfter(generateSampleData({ preset: 'S' }), { organization: 'acme' }),
    );
  });

  it('POST /__sample/day-after makes one of each change the card asks about, and says which', async () => {
    const data = generateSampleData({ preset: 'S' });
    await withServer({ data }, async server => {
      const response = await fetch(`${server.url}/__sample/day-after`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ organization: 'acme' }),
      });
      expect(response.status).toBe(200);
      const applied = (await response.json()) as {
        organization: string;
        applied: number;
        changes: SampleChange[];
      };
      expect(applied.changes).toEqual(
        dayAfter(data, { organization: 'acme' }).changes,
      );
      expect(applied.applied).toBe(applied.changes.length);
      const { changes } = applied;

      const members = (
        await walkAllPages<MemberJson>(server, `${ORG}/members/`)
      ).items;
      const byId = (id: string) => members.find(m => m.id === id);
      const [promoted] = only(changes, 'member-role');
      // Some members carry only the deprecated `role`, as older Sentry serializes them.
      const promotedMember = byId(promoted.memberId);
      expect(promotedMember?.orgRole ?? promotedMember?.role).toBe('owner');
      const [lost] = only(changes, 'member-2fa');
      expect(byId(lost.memberId)?.user?.has2fa).toBe(false);
      const [invite] = only(changes, 'member-invite');
      expect(members.find(m => m.email === invite.email)?.pending).toBe(true);
      const [removed] = only(changes, 'member-removed');
      expect(byId(removed.memberId)).toBeUndefined();

      const workflows = (
        await walkAllPages<WorkflowJson>(server, `${ORG}/workflows/`)
      ).items;
      const [disabled] = only(changes, 'workflow-changed');
      expect(workflows.find(w => w.id === disabled.workflowId)?.enabled).toBe(
        false,
      );
      const [deleted] = only(changes, 'workflow-removed');
      expect(workflows.map(w => w.id)).not.toContain(deleted.workflowId);

      const teamless = only(changes, 'project-team-removed');
      expect(teamless.length).toBeGreaterThan(0);
      const projects = (
        await walkAllPages<ProjectJson>(server, `${ORG}/projects/`)
      ).items;
      expect(projects.find(p => p.slug === teamless[0].project)?.teams).toEqual(
        [],
      );
    });
  });

  it('takes no seed: it has nothing random to seed', async () => {
    await withServer({}, async server => {
      const response = await fetch(`${server.url}/__sample/day-after`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ seed: 2 }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        detail: 'the day after takes no seed',
      });
    });
  });
});
