import { acmeCatalog } from '../__testUtils__/catalogFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';
import { readEntitySentryData } from './entitySentryData';
import { SentryLinks } from './sentryLinks';

const env = useAcmeEnvironment();
const WEB = 'https://sentry.example';
const read = (ref: string) =>
  readEntitySentryData(env.graph.store, ref, {
    componentTypes: ['service', 'website'],
    links: new SentryLinks(WEB),
  });

beforeEach(async () => {
  const result = await runTestSync(env.sentry, env.graph, {
    catalog: { entities: acmeCatalog() },
  });
  if (result.catalog?.status !== 'complete')
    throw new Error(`the catalog was not joined: ${result.catalog?.error}`);
});

describe("an entity's Sentry side", () => {
  it('gives a component its project: teams with their groups, rules, newest release, admins and their 2FA', async () => {
    const data = await read('component:default/checkout-api');
    expect(data).toMatchObject({
      entityRef: 'component:default/checkout-api',
      kind: 'component',
      synced: true,
      annotation: { name: 'sentry.io/project-slug', value: 'api' },
      teams: [],
    });
    expect(data.projects).toHaveLength(1);
    const [api] = data.projects;
    expect(api).toMatchObject({
      organization: 'acme',
      id: '4001',
      slug: 'api',
      url: `${WEB}/settings/acme/projects/api/`,
      teams: [
        {
          id: '3001',
          slug: 'backend',
          url: `${WEB}/settings/acme/teams/backend/`,
          groups: ['group:default/backend'],
        },
      ],
    });
    expect(api.alertRules.total).toBeGreaterThan(0);
    expect(api.alertRules.items).toHaveLength(api.alertRules.total);
    expect(api.newestRelease?.url).toMatch(
      new RegExp(`^${WEB}/organizations/acme/releases/`),
    );
    // Alice (owner) and Bob (manager) administer every project; Carol is
    // backend's team admin. Without 2FA first: Bob.
    expect(api.admins).toEqual({
      count: 3,
      withoutTwoFactor: 1,
      items: [
        expect.objectContaining({
          id: '2002',
          via: 'manager',
          has2fa: false,
          entityRef: 'user:default/bob',
        }),
        expect.objectContaining({ id: '2001', via: 'owner', has2fa: true }),
        expect.objectContaining({
          id: '2003',
          via: 'team admin',
          has2fa: true,
          entityRef: 'user:default/carol',
        }),
      ],
    });
    // Its owner's team is on the project; but Bob has no 2FA.
    expect(data.findings).toEqual(['adminsWithoutTwoFactor']);
  });

  it("flags a component whose owner's team is not on its project", async () => {
    const data = await read('component:default/storefront');
    expect(data.projects.map(p => p.slug)).toEqual(['web']);
    expect(data.findings).toEqual([
      'ownerLacksTheTeam',
      'adminsWithoutTwoFactor',
    ]);
  });

  it('says when the annotation points nowhere, or a service has no project', async () => {
    expect((await read('component:default/ghost')).findings).toEqual([
      'annotationPointsNowhere',
      'noSentryProject',
    ]);
    expect((await read('component:default/billing')).findings).toEqual([
      'noSentryProject',
    ]);
    // A library is not expected to report to Sentry.
    expect((await read('component:default/docs-lib')).findings).toEqual([]);
  });

  it("compares a group with its Sentry team: who is in one and not the other, and the team's admins", async () => {
    const data = await read('group:default/backend');
    expect(data.projects).toEqual([]);
    expect(data.findings).toEqual([]);
    expect(data.teams).toHaveLength(1);
    const [team] = data.teams;
    expect(team).toMatchObject({
      organization: 'acme',
      slug: 'backend',
      ownersAndManagers: 2,
    });
    // Joined admins: Carol by her team role, Alice as an owner who joined.
    expect(team.admins.map(p => p.id)).toEqual(['2001', '2003']);
    // bob is in the group but never joined the team; carol and dave are in both;
    // alice joined the team but is not in the group.
    expect(team.inBoth.map(p => p.entityRef)).toEqual([
      'user:default/carol',
      'user:default/dave',
    ]);
    expect(team.onlyInCatalog.map(p => p.entityRef)).toEqual([
      'user:default/bob',
    ]);
    expect(team.onlyInSentry.map(p => p.id)).toEqual(['2001']);
  });

  it('says a group has no Sentry team, and an entity the sync has not read yet is not synced', async () => {
    expect((await read('group:default/platform')).findings).toEqual([
      'noSentryTeam',
    ]);
    expect(await read('component:default/new-service')).toEqual({
      entityRef: 'component:default/new-service',
      kind: 'component',
      synced: false,
      projects: [],
      teams: [],
      findings: [],
    });
  });
});
