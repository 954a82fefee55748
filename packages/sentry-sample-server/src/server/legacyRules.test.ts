import { generateSampleData } from '../generator/generateSampleData';
import {
  get,
  parseLinkHeader,
  walkAllPages,
  withServer,
} from '../testing/httpTestHelpers';
import type { LegacyRuleJson, SampleData } from '../index';
import { keysetPageDescending } from './pagination/keysetPaginator';

/** A project with several legacy rules, so paging has something to do. */
function busiestProject(data: SampleData): string {
  const record = data.organizations[0].legacyRules ?? {};
  return Object.keys(record).sort(
    (a, b) => record[b].length - record[a].length,
  )[0];
}

describe('legacy issue alert rules', () => {
  const data = generateSampleData({ preset: 'S', sizes: { rules: 60 } });
  const project = busiestProject(data);

  it('sends the deprecation headers on every response, errors included', async () => {
    await withServer({ data }, async server => {
      for (const [path, status] of [
        [`/api/0/projects/acme/${project}/rules/`, 200],
        ['/api/0/projects/acme/nope/rules/', 404],
      ] as const) {
        const response = await get(server, path);
        expect(response.status).toBe(status);
        expect(response.headers.get('x-sentry-deprecation-date')).toBe(
          '2026-05-14T00:00:00+00:00',
        );
        expect(response.headers.get('x-sentry-replacement-endpoint')).toBe(
          '/api/0/organizations/acme/workflows/',
        );
      }
    });
  });

  it('pages by -id with the keyset cursor (value = the id bound)', async () => {
    await withServer({ data }, async server => {
      const all = (data.organizations[0].legacyRules ?? {})[project].filter(
        rule => rule.status === 'active',
      );
      expect(all.length).toBeGreaterThan(3);
      const first = await get(
        server,
        `/api/0/projects/acme/${project}/rules/?per_page=2`,
      );
      const page = (await first.json()) as LegacyRuleJson[];
      const { previous, next } = parseLinkHeader(first.headers.get('link'));
      expect(previous.cursor).toBe(`${page[0].id}:0:1`);
      expect(previous.results).toBe(false);
      const ids = all.map(rule => Number(rule.id)).sort((a, b) => b - a);
      expect(next.cursor).toBe(`${ids[2]}:0:0`);
      expect(next.results).toBe(true);

      const walked = await walkAllPages<LegacyRuleJson>(
        server,
        `/api/0/projects/acme/${project}/rules/?per_page=2`,
      );
      expect(walked.items.map(rule => Number(rule.id))).toEqual(ids);
    });
  });

  it("lists active rules only, and serves a missing frequency as Sentry's default of 30 minutes", async () => {
    const organization = generateSampleData({ preset: 'S' }).organizations[0];
    const rule = (id: string, fields: Partial<LegacyRuleJson>) => ({
      ...(organization.legacyRules ?? {})[project][0],
      id,
      ...fields,
    });
    const { frequency: _frequency, ...withoutFrequency } = rule('3', {});
    organization.legacyRules = {
      [project]: [
        rule('1', { status: 'disabled' }),
        rule('2', { status: 'active', frequency: 60 }),
        { ...withoutFrequency, status: 'active' },
      ],
    };
    await withServer(
      { data: { organizations: [organization] } },
      async server => {
        const response = await get(
          server,
          `/api/0/projects/acme/${project}/rules/`,
        );
        const listed = (await response.json()) as LegacyRuleJson[];
        expect(listed.map(({ id, frequency }) => ({ id, frequency }))).toEqual([
          { id: '3', frequency: 30 },
          { id: '2', frequency: 60 },
        ]);
      },
    );
  });

  it('answers 404 for workflows and detectors on an older self-hosted Sentry, whose rules carry no deprecation headers', async () => {
    const selfHosted = generateSampleData({ preset: 'S' });
    selfHosted.organizations[0].workflowsApi = false;
    await withServer(
      {
        data: selfHosted,
        rateLimit: { limit: 40, windowSeconds: 1, enabled: false },
      },
      async server => {
        for (const path of [
          '/api/0/organizations/acme/workflows/',
          '/api/0/organizations/acme/detectors/',
        ]) {
          const response = await get(server, path);
          expect(response.status).toBe(404);
          expect(await response.json()).toEqual({
            detail: 'The requested resource does not exist',
          });
        }
        const rules = await get(server, '/api/0/projects/acme/backend/rules/');
        expect(rules.status).toBe(200);
        expect(rules.headers.get('x-sentry-deprecation-date')).toBeNull();
        expect(
          (await get(server, '/api/0/organizations/globex/workflows/')).status,
        ).toBe(200);
      },
    );
  });
});

describe('the keyset paginator', () => {
  it("reproduces Sentry's documented cursors for ids 300 → 200 with limit 100", () => {
    const keys = Array.from({ length: 101 }, (_, index) => 300 - index);
    const first = keysetPageDescending(keys, undefined, 100);
    expect(first.indices).toHaveLength(100);
    expect(first.next).toEqual({
      value: 200,
      offset: 0,
      isPrev: false,
      hasResults: true,
    });
    expect(first.prev).toEqual({
      value: 300,
      offset: 0,
      isPrev: true,
      hasResults: false,
    });

    const second = keysetPageDescending(keys, first.next, 100);
    expect(second.indices).toEqual([100]);
    expect(second.next.hasResults).toBe(false);
    expect(second.prev).toEqual({
      value: 200,
      offset: 0,
      isPrev: true,
      hasResults: true,
    });

    const back = keysetPageDescending(keys, second.prev, 100);
    expect(back.indices).toEqual(first.indices);
  });
});
