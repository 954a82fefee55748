import { generateSampleData } from '../generator/generateSampleData';
import type { DetectorJson, ProjectJson, WorkflowJson } from '../index';
import { walkAuditLog } from '../testing/auditLogHelpers';
import { collectAll } from '../testing/collectAll';
import { get, walkAllPages, withServer } from '../testing/httpTestHelpers';

const WORKFLOWS = '/api/0/organizations/acme/workflows/';
const DETECTORS = '/api/0/organizations/acme/detectors/?project=-1';
const PROJECTS = '/api/0/organizations/acme/projects/';

function acme() {
  const data = generateSampleData({ preset: 'S' });
  return { data, organization: data.organizations[0] };
}

describe('removals applied between runs', () => {
  it('delete a workflow: gone from the listing and its detectors, with workflow.remove', async () => {
    const { data, organization } = acme();
    const workflow = collectAll<WorkflowJson>(organization.workflows).find(
      w => w.detectorIds.length > 0,
    )!;
    await withServer({ data }, async server => {
      const named = async () =>
        (await walkAllPages<DetectorJson>(server, DETECTORS)).items.filter(
          detector => detector.workflowIds.includes(workflow.id),
        );
      expect((await named()).length).toBeGreaterThan(0);
      const before = (await walkAllPages<WorkflowJson>(server, WORKFLOWS)).items
        .length;

      server.applyChanges({
        organization: 'acme',
        changes: [{ kind: 'workflow-removed', workflowId: workflow.id }],
      });

      const after = (await walkAllPages<WorkflowJson>(server, WORKFLOWS)).items;
      expect(after).toHaveLength(before - 1);
      expect(after.map(w => w.id)).not.toContain(workflow.id);
      expect(await named()).toEqual([]);
      const log = await walkAuditLog(
        server,
        '/api/0/organizations/acme/audit-logs/?event=workflow.remove',
      );
      expect(
        log.rows.map(row => [row.targetObject, row.data, row.note]),
      ).toEqual([
        [
          Number(workflow.id),
          { name: workflow.name },
          `removed workflow ${workflow.name}`,
        ],
      ]);
    });
  });

  it('take a team off a project: its teams and team follow, down to none, with project-team.remove', async () => {
    const { data, organization } = acme();
    const project = collectAll<ProjectJson>(organization.projects).find(
      p => p.teams.length >= 2,
    )!;
    const [first, second] = project.teams;
    await withServer({ data }, async server => {
      const listed = async () =>
        (await walkAllPages<ProjectJson>(server, PROJECTS)).items.find(
          p => p.slug === project.slug,
        )!;
      server.applyChanges({
        organization: 'acme',
        changes: [
          {
            kind: 'project-team-removed',
            project: project.slug,
            team: first.slug,
          },
        ],
      });
      const one = await listed();
      expect(one.teams.map(t => t.slug)).toEqual(
        project.teams.slice(1).map(t => t.slug),
      );
      // `team` is the first team left.
      expect(one.team?.slug).toBe(second.slug);

      server.applyChanges({
        organization: 'acme',
        changes: project.teams.slice(1).map(team => ({
          kind: 'project-team-removed' as const,
          project: project.slug,
          team: team.slug,
        })),
      });
      const none = await listed();
      expect(none.teams).toEqual([]);
      expect(none.team).toBeNull();
      const details = (await (
        await get(server, `/api/0/projects/acme/${project.slug}/`)
      ).json()) as ProjectJson;
      expect(details.teams).toEqual([]);

      const log = await walkAuditLog(
        server,
        '/api/0/organizations/acme/audit-logs/?event=project-team.remove',
      );
      expect(log.rows.at(-1)).toMatchObject({
        targetObject: Number(project.id),
        data: { team_slug: first.slug, project_slug: project.slug },
        note: `removed team ${first.slug} from project ${project.slug}`,
      });
      expect(log.rows).toHaveLength(project.teams.length);
    });
  });

  it('refuse a team that is not on the project, applying nothing of the batch', async () => {
    const { data, organization } = acme();
    const project = collectAll<ProjectJson>(organization.projects)[0];
    const onIt = new Set(project.teams.map(t => t.slug));
    const other = collectAll<{ slug: string }>(organization.teams).find(
      t => !onIt.has(t.slug),
    )!;
    const [workflow] = collectAll<WorkflowJson>(organization.workflows);
    await withServer({ data }, async server => {
      const response = await fetch(`${server.url}/__sample/changes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          organization: 'acme',
          changes: [
            { kind: 'workflow-removed', workflowId: workflow.id },
            {
              kind: 'project-team-removed',
              project: project.slug,
              team: other.slug,
            },
          ],
        }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        detail: `changes[1] (project-team-removed): team ${other.slug} is not on project ${project.slug}`,
      });
      const listed = await walkAllPages<WorkflowJson>(server, WORKFLOWS);
      expect(listed.items.map(w => w.id)).toContain(workflow.id);
    });
  });
});
