import {
  collectAll,
  generateSampleData,
  type LegacyRuleJson,
  type WorkflowJson,
} from '@sentry-graph/sentry-sample-server';
import {
  acmeOrganization,
  type FixtureOrganization,
} from '../__testUtils__/acmeFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { dumpGraph, edges } from '../__testUtils__/dumpGraph';
import {
  detectorJson,
  legacyRuleJson,
  workflowJson,
} from '../__testUtils__/sentryJson';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useAcmeEnvironment();
const { graph } = env;

interface RuleRow {
  id: string;
  source: string;
  allProjects: boolean;
  frequency: number;
}

const rules = () =>
  graph.query<RuleRow>(`
    MATCH (:SentryOrganization {id: '1001'})-[:RESOURCE]->(r:SentryAlertRule)
    RETURN r.id AS id, r.source AS source, r.all_projects AS allProjects,
           r.frequency AS frequency
    ORDER BY id`);

/** Acme where only the legacy rules API knows these rules. */
function acmeWithLegacyRules(
  legacyRules: Record<string, LegacyRuleJson[]>,
): FixtureOrganization {
  return { ...acmeOrganization(), legacyRules };
}

const legacyRule = (id: string, project: string) =>
  legacyRuleJson({ id, name: `Legacy ${id}`, project });

describe("workflows on Sentry's organization-wide issue detector", () => {
  it('are rules of every project, with all_projects and the default frequency', async () => {
    const acme = acmeOrganization();
    acme.organization.features.push('workflow-engine-all-projects-detector');
    // No project: the detectors listing never shows it; only its details do.
    acme.detectors.push(
      detectorJson({ id: '5099', projectId: 'None', type: 'issue_stream' }),
    );
    acme.workflows.push(
      workflowJson({
        id: '6007',
        name: 'Everything, everywhere',
        detectorIds: ['5099'],
        triggerLogic: 'any-short',
        filterLogic: ['all'],
        environment: null,
        enabled: true,
      }),
    );
    env.sentry.setData({ organizations: [acme] });

    const result = await runTestSync(env.sentry, graph);

    expect(result.status).toBe('succeeded');
    expect((await rules()).find(rule => rule.id === '6007')).toEqual({
      id: '6007',
      source: 'workflow',
      allProjects: true,
      frequency: 1800,
    });
    const dump = await dumpGraph(graph, result.updateTag);
    expect(edges(dump, 'HAS_RULE').filter(e => e.endsWith('->6007'))).toEqual([
      '4001->6007',
      '4002->6007',
      '4003->6007',
    ]);
  });
});

describe('alert rules from the legacy rules API', () => {
  it('come from there alone when the source is set to rules, including rules no workflow has', async () => {
    const data = generateSampleData({ preset: 'S', organizations: 1 });
    const [organization] = data.organizations;
    env.sentry.setData(data);
    // What the legacy listing serves: active rules only.
    const expected = Object.values(organization.legacyRules ?? {})
      .flat()
      .filter(rule => rule.status === 'active')
      .map(rule => rule.id)
      .sort();
    const workflowIds = new Set(
      collectAll<WorkflowJson>(organization.workflows).map(w => w.id),
    );

    const result = await runTestSync(env.sentry, graph, {
      engine: { alertRuleSource: 'rules' },
    });

    expect(result.status).toBe('succeeded');
    expect(result.organizations[0].kinds['alert-rules']?.source).toBe('rules');
    const synced = await graph.query<{ id: string; source: string }>(
      'MATCH (r:SentryAlertRule) RETURN r.id AS id, r.source AS source ORDER BY id',
    );
    expect(synced.map(rule => rule.id)).toEqual(expected);
    expect(synced.every(rule => rule.source === 'rule')).toBe(true);
    expect(synced.some(rule => !workflowIds.has(rule.id))).toBe(true);
  });

  it('are read under auto when the organization has projects but no issue-alert workflow', async () => {
    const acme = acmeWithLegacyRules({
      api: [legacyRule('11', 'api')],
      web: [legacyRule('13', 'web')],
    });
    // Only a metric alert among the workflows: the rules were never copied.
    acme.workflows = acme.workflows.filter(w => w.id === '6003');
    env.sentry.setData({ organizations: [acme] });

    const result = await runTestSync(env.sentry, graph);

    expect(result.organizations[0].kinds['alert-rules']).toMatchObject({
      status: 'complete',
      source: 'rules',
    });
    expect((await rules()).map(rule => [rule.id, rule.source])).toEqual([
      ['11', 'rule'],
      ['13', 'rule'],
    ]);
  });
});

describe('alert rules from the workflows API alone', () => {
  it('fail, keeping the rules, where Sentry has no workflows API and the source is set to workflows', async () => {
    await runTestSync(env.sentry, graph);
    env.sentry.setData({
      organizations: [
        {
          ...acmeWithLegacyRules({ api: [legacyRule('11', 'api')] }),
          workflowsApi: false,
        },
      ],
    });

    const result = await runTestSync(env.sentry, graph, {
      engine: { alertRuleSource: 'workflows' },
    });

    const kind = result.organizations[0].kinds['alert-rules']!;
    expect(kind).toMatchObject({ status: 'incomplete', source: 'workflows' });
    expect(kind.error).toMatch(/no workflows API \(404\)/);
    expect((await rules()).map(rule => rule.id)).toEqual([
      '6001',
      '6002',
      '6006',
    ]);
  });
});

describe('a change of source', () => {
  const switchTo = async (legacyRules: Record<string, LegacyRuleJson[]>) => {
    await runTestSync(env.sentry, graph);
    expect((await rules()).map(rule => rule.source)).toEqual([
      'workflow',
      'workflow',
      'workflow',
    ]);
    env.sentry.setData({ organizations: [acmeWithLegacyRules(legacyRules)] });
    return runTestSync(env.sentry, graph, {
      engine: { alertRuleSource: 'rules' },
    });
  };

  it("replaces the other source's rules once the new listing completed, judging the guard by counts", async () => {
    // Three workflows become two rules with other ids: by ids all three
    // would go (3 of 5, more than half); by counts one in three goes.
    const result = await switchTo({
      api: [legacyRule('11', 'api')],
      web: [legacyRule('13', 'web')],
    });

    const kind = result.organizations[0].kinds['alert-rules']!;
    expect(kind.kept).toEqual([]);
    expect(result.status).toBe('succeeded');
    expect((await rules()).map(rule => [rule.id, rule.source])).toEqual([
      ['11', 'rule'],
      ['13', 'rule'],
    ]);
  });

  it('is held back, and reported, when the new source has far fewer rules', async () => {
    const result = await switchTo({ api: [legacyRule('11', 'api')] });

    const kind = result.organizations[0].kinds['alert-rules']!;
    expect(kind.kept).toEqual([
      expect.objectContaining({
        what: 'SentryAlertRule',
        count: 3,
        reason: expect.stringContaining(
          'change of source would replace 3 with 1',
        ),
      }),
      expect.objectContaining({
        what: 'HAS_RULE',
        reason: expect.stringContaining('kept with'),
      }),
    ]);
    expect(result.status).toBe('partial');
    expect((await rules()).map(rule => rule.id)).toEqual([
      '11',
      '6001',
      '6002',
      '6006',
    ]);
  });
});
