import { generateSampleData } from '../generator/generateSampleData';
import type { DetectorJson, SampleOrganization, WorkflowJson } from '../index';
import { collectAll } from '../testing/collectAll';
import { get, walkAllPages, withServer } from '../testing/httpTestHelpers';

const ALL_PROJECTS_FEATURE = 'workflow-engine-all-projects-detector';

/** Acme plus Sentry's organization-wide issue detector and one workflow on it. */
function withAllProjectsDetector(feature: boolean): {
  organization: SampleOrganization;
  detector: DetectorJson;
  workflow: WorkflowJson;
} {
  const organization = generateSampleData({ preset: 'S' }).organizations[0];
  const detectors = collectAll<DetectorJson>(organization.detectors);
  const workflows = collectAll<WorkflowJson>(organization.workflows);
  const detector: DetectorJson = {
    ...detectors[0],
    id: '990001',
    projectId: 'None',
    type: 'issue_stream',
    name: 'Issue Stream',
    config: { organization_id: Number(organization.organization.id) },
    workflowIds: ['990002'],
  };
  const workflow: WorkflowJson = {
    ...workflows[0],
    id: '990002',
    name: 'Everything, everywhere',
    detectorIds: [detector.id],
  };
  organization.detectors = [...detectors, detector];
  organization.workflows = [...workflows, workflow];
  organization.organization.features = feature
    ? [...organization.organization.features, ALL_PROJECTS_FEATURE]
    : organization.organization.features.filter(
        f => f !== ALL_PROJECTS_FEATURE,
      );
  return { organization, detector, workflow };
}

describe('the organization-wide issue detector', () => {
  it('is never listed, but served by id and its workflows listed when the organization has the feature', async () => {
    const { organization, detector, workflow } = withAllProjectsDetector(true);
    await withServer(
      { data: { organizations: [organization] } },
      async server => {
        const listed = await walkAllPages<DetectorJson>(
          server,
          '/api/0/organizations/acme/detectors/?project=-1',
        );
        expect(listed.items.map(d => d.id)).not.toContain(detector.id);

        const detail = await get(
          server,
          `/api/0/organizations/acme/detectors/${detector.id}/`,
        );
        expect(detail.status).toBe(200);
        expect(await detail.json()).toMatchObject({
          projectId: 'None',
          type: 'issue_stream',
        });

        const workflows = await walkAllPages<WorkflowJson>(
          server,
          '/api/0/organizations/acme/workflows/',
        );
        expect(workflows.items.map(w => w.id)).toContain(workflow.id);
      },
    );
  });

  it('and its workflows are hidden without the feature', async () => {
    const { organization, detector, workflow } = withAllProjectsDetector(false);
    await withServer(
      { data: { organizations: [organization] } },
      async server => {
        expect(
          (
            await get(
              server,
              `/api/0/organizations/acme/detectors/${detector.id}/`,
            )
          ).status,
        ).toBe(404);
        const workflows = await walkAllPages<WorkflowJson>(
          server,
          '/api/0/organizations/acme/workflows/',
        );
        expect(workflows.items.map(w => w.id)).not.toContain(workflow.id);
      },
    );
  });
});

describe('detector details', () => {
  it('serve any detector of the organization by numeric id, 404 otherwise', async () => {
    const organization = generateSampleData({ preset: 'S' }).organizations[0];
    const [first] = collectAll<DetectorJson>(organization.detectors);
    await withServer(
      { data: { organizations: [organization] } },
      async server => {
        const detail = await get(
          server,
          `/api/0/organizations/acme/detectors/${first.id}/`,
        );
        expect(await detail.json()).toEqual(first);
        for (const id of ['123456789', 'abc'])
          expect(
            (await get(server, `/api/0/organizations/acme/detectors/${id}/`))
              .status,
          ).toBe(404);
      },
    );
  });
});

describe('workflow action filters', () => {
  it('come in no particular order: the sample server serves them newest first', async () => {
    const organization = generateSampleData({ preset: 'S' }).organizations[0];
    const workflows = collectAll<WorkflowJson>(organization.workflows);
    const [first] = workflows;
    const group = { ...first.actionFilters[0] };
    workflows[0] = {
      ...first,
      actionFilters: [
        { ...group, id: '11', logicType: 'all' },
        { ...group, id: '12', logicType: 'none' },
      ],
    };
    organization.workflows = workflows;
    await withServer(
      { data: { organizations: [organization] } },
      async server => {
        const served = await walkAllPages<WorkflowJson>(
          server,
          '/api/0/organizations/acme/workflows/',
        );
        const filters = served.items.find(
          w => w.id === first.id,
        )!.actionFilters;
        expect(filters.map(f => f.id)).toEqual(['12', '11']);
      },
    );
  });
});

describe('the detectors listing filtered by id', () => {
  it('lists those detectors in id order, never the organization-wide one, and answers 400 for an id that is not a number', async () => {
    const { organization, detector } = withAllProjectsDetector(true);
    const [first, second] = collectAll<DetectorJson>(organization.detectors);
    await withServer(
      { data: { organizations: [organization] } },
      async server => {
        const base = '/api/0/organizations/acme/detectors/';
        const listed = await walkAllPages<DetectorJson>(
          server,
          `${base}?id=${second.id}&id=${first.id}&id=${detector.id}&id=424242`,
        );
        expect(listed.items.map(d => d.id)).toEqual(
          [first.id, second.id].sort((a, b) => Number(a) - Number(b)),
        );
        const bad = await get(server, `${base}?id=${first.id}&id=x`);
        expect(bad.status).toBe(400);
        expect(await bad.json()).toEqual({ id: ['Invalid ID format'] });
      },
    );
  });
});
