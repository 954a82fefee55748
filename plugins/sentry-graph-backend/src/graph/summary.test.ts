import {
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import {
  acmeOrganization,
  type FixtureOrganization,
} from '../__testUtils__/acmeFixture';
import {
  detectorJson,
  memberJson,
  organizationJson,
  projectJson,
  releaseJson,
  teamJson,
  workflowJson,
} from '../__testUtils__/sentryJson';
import { runTestSync } from '../__testUtils__/syncHarness';
import { openTestGraph } from '../__testUtils__/testGraph';
import { SentryLinks } from './sentryLinks';
import { readGraphSummary } from './summary';

/*
 * A second organization, so that filtering by slug is proven, and the cases
 * acme lacks: more than 20 items (ordered by name, not id), rules that tie on
 * name (ordered by id), a project whose only rules are disabled, an owner who
 * did not join the team (which still counts as a team without admin), a
 * release newer than any of acme's (each organization has its own newest),
 * and an organization that does not require 2FA. acme owns 3 of the 5
 * releases and globex 2: the two ways of finding the newest are both run.
 */
function globexOrganization(): FixtureOrganization {
  const platform = { id: '3101', slug: 'platform', name: 'Platform' };
  // Ids 2102..2122 named "Member 21" down to "Member 01": name order is the reverse of id order.
  const withoutTwoFactor = Array.from({ length: 21 }, (_, i) => {
    const n = String(21 - i).padStart(2, '0');
    return memberJson({
      id: String(2102 + i),
      email: `m${n}@globex.test`,
      name: `Member ${n}`,
      orgRole: 'member',
      has2fa: false,
    });
  });
  const paused = (id: string) =>
    workflowJson({
      id,
      name: 'Paused',
      detectorIds: ['5101'],
      triggerLogic: 'any',
      filterLogic: [],
      environment: null,
      frequencyMinutes: 5,
      enabled: false,
    });
  return {
    organization: organizationJson({
      id: '1002',
      slug: 'globex',
      name: 'Globex',
      require2FA: false,
    }),
    members: [
      memberJson({
        id: '2101',
        email: 'olivia@globex.test',
        name: 'Olivia',
        orgRole: 'owner',
        has2fa: true,
      }),
      ...withoutTwoFactor,
    ],
    teams: [teamJson({ ...platform, memberCount: 1 })],
    teamMembers: { platform: [{ memberId: '2122', teamRole: null }] },
    projects: [
      projectJson({
        id: '4101',
        slug: 'billing',
        name: 'Billing',
        platform: 'go',
        firstEvent: null,
        teams: [platform],
      }),
    ],
    releases: [
      releaseJson({
        id: 7101,
        version: 'billing@0.1.0',
        dateCreated: '2025-01-01T00:00:00Z',
        projectRefs: [{ id: 4101, slug: 'billing' }],
      }),
      releaseJson({
        id: 7102,
        version: 'billing@0.0.9',
        dateCreated: '2023-01-01T00:00:00Z',
        projectRefs: [{ id: 4101, slug: 'billing' }],
      }),
    ],
    detectors: [
      detectorJson({ id: '5101', projectId: '4101', type: 'issue_stream' }),
    ],
    workflows: [paused('6102'), paused('6101')],
  };
}

const graph = openTestGraph();
let server: SampleServer;

beforeAll(async () => {
  // Twice: it must be idempotent, as every run calls it.
  await graph.store.ensureSchema();
  await graph.store.ensureSchema();
});
beforeEach(async () => {
  await graph.wipe();
  server = await startSampleServer({
    data: { organizations: [acmeOrganization(), globexOrganization()] },
  });
});
afterEach(() => server.close());
afterAll(() => graph.close());

async function sync(): Promise<number> {
  const result = await runTestSync(server, graph);
  expect(result.errors).toEqual([]);
  expect(result.status).toBe('succeeded');
  return result.updateTag;
}

const none = { count: 0, items: [] };

const WEB = 'https://sentry.example';
const links = new SentryLinks(WEB);
/** The summaries, each checked to say when it was computed, without that time. */
const summaryOf = async (organization?: string) =>
  (await readGraphSummary(graph.store, { organization, links })).map(
    ({ computedAt, ...summary }) => {
      expect(Math.abs(Date.parse(computedAt) - Date.now())).toBeLessThan(
        60_000,
      );
      return summary;
    },
  );
// Each listed item links to its page in Sentry's web UI.
const member = <T extends { id: string }>(org: string, item: T) => ({
  ...item,
  url: `${WEB}/settings/${org}/members/${item.id}/`,
});
const team = <T extends { id: string; slug: string }>(
  org: string,
  item: T,
) => ({
  ...item,
  url: `${WEB}/settings/${org}/teams/${item.slug}/`,
});
const project = <T extends { id: string; slug: string }>(
  org: string,
  item: T,
) => ({
  ...item,
  url: `${WEB}/settings/${org}/projects/${item.slug}/`,
});
const workflowRule = <T extends { id: string }>(org: string, item: T) => ({
  ...item,
  url: `${WEB}/organizations/${org}/monitors/alerts/${item.id}/`,
});

describe('readGraphSummary', () => {
  it('summarizes the fixture organization, figure by figure', async () => {
    const updateTag = await sync();
    expect(await summaryOf('acme')).toEqual([
      {
        organization: {
          id: '1001',
          slug: 'acme',
          name: 'Acme',
          url: `${WEB}/organizations/acme/`,
          require2fa: true,
          lastUpdated: updateTag,
        },
        nodes: {
          SentryOrganization: 1,
          SentryTeam: 4,
          SentryUser: 8,
          SentryProject: 3,
          SentryRelease: 3,
          SentryAlertRule: 3,
        },
        relationships: {
          RESOURCE: 21,
          MEMBER_OF: 6,
          ADMIN_OF: 10,
          HAS_TEAM: 3,
          HAS_RULE: 4,
          HAS_RELEASE: 3,
        },
        findings: {
          // Grace (pending, no user) and Heidi (expired) are invites, not members.
          membersWithout2fa: {
            count: 3,
            flagged: true,
            items: [
              member('acme', {
                id: '2002',
                name: 'Bob',
                email: 'bob@acme.test',
              }),
              member('acme', {
                id: '2004',
                name: 'Dave',
                email: 'dave@acme.test',
              }),
              member('acme', {
                id: '2006',
                name: 'Frank',
                email: 'frank@acme.test',
              }),
            ],
          },
          pendingInvites: {
            count: 1,
            items: [
              member('acme', {
                id: '2007',
                name: 'grace@acme.test',
                email: 'grace@acme.test',
              }),
            ],
          },
          expiredInvites: {
            count: 1,
            items: [
              member('acme', {
                id: '2008',
                name: 'heidi@acme.test',
                email: 'heidi@acme.test',
              }),
            ],
          },
          // Heidi's owner invite expired unaccepted: she holds no role.
          ownersAndManagers: {
            count: 2,
            items: [
              member('acme', {
                id: '2001',
                name: 'Alice',
                email: 'alice@acme.test',
              }),
              member('acme', {
                id: '2002',
                name: 'Bob',
                email: 'bob@acme.test',
              }),
            ],
          },
          teamsWithoutMembers: {
            count: 1,
            items: [
              team('acme', {
                id: '3003',
                name: 'Équipe Ünïcode 🚀',
                slug: 'equipe',
              }),
            ],
          },
          // Alice and Bob administer every team, but only Carol (backend) and
          // Erin (frontend) joined a team as admin. Code point order: O < É.
          teamsWithoutAdmin: {
            count: 2,
            items: [
              team('acme', { id: '3004', name: 'Ops', slug: 'ops' }),
              team('acme', {
                id: '3003',
                name: 'Équipe Ünïcode 🚀',
                slug: 'equipe',
              }),
            ],
          },
          projectsWithoutTeam: {
            count: 1,
            items: [
              project('acme', { id: '4003', name: 'Orphan', slug: 'orphan' }),
            ],
          },
          // Orphan's cron and uptime workflows are not issue alert rules.
          projectsWithoutAlertRules: {
            count: 1,
            items: [
              project('acme', { id: '4003', name: 'Orphan', slug: 'orphan' }),
            ],
          },
          // api and web each have an active rule beside the disabled 6002.
          projectsWithOnlyDisabledAlertRules: none,
          disabledAlertRules: {
            count: 1,
            items: [
              workflowRule('acme', { id: '6002', name: 'Errors everywhere' }),
            ],
          },
          newestRelease: {
            id: '1001/web@2.0.0',
            version: 'web@2.0.0',
            dateCreated: '2024-02-01T00:00:00Z',
            url: `${WEB}/organizations/acme/releases/web%402.0.0/`,
          },
        },
      },
    ]);
  });

  it('summarizes every organization, or only the one asked for', async () => {
    const updateTag = await sync();
    const globex = {
      organization: {
        id: '1002',
        slug: 'globex',
        name: 'Globex',
        url: `${WEB}/organizations/globex/`,
        require2fa: false,
        lastUpdated: updateTag,
      },
      nodes: {
        SentryOrganization: 1,
        SentryTeam: 1,
        SentryUser: 22,
        SentryProject: 1,
        SentryRelease: 2,
        SentryAlertRule: 2,
      },
      relationships: {
        RESOURCE: 28,
        MEMBER_OF: 1,
        ADMIN_OF: 1,
        HAS_TEAM: 1,
        HAS_RULE: 2,
        HAS_RELEASE: 2,
      },
      findings: {
        // 21 of them; the first 20 by name. Member 21 (id 2102) is cut off.
        membersWithout2fa: {
          count: 21,
          flagged: false,
          items: [
            ['2122', '01'],
            ['2121', '02'],
            ['2120', '03'],
            ['2119', '04'],
            ['2118', '05'],
            ['2117', '06'],
            ['2116', '07'],
            ['2115', '08'],
            ['2114', '09'],
            ['2113', '10'],
            ['2112', '11'],
            ['2111', '12'],
            ['2110', '13'],
            ['2109', '14'],
            ['2108', '15'],
            ['2107', '16'],
            ['2106', '17'],
            ['2105', '18'],
            ['2104', '19'],
            ['2103', '20'],
          ].map(([id, n]) =>
            member('globex', {
              id,
              name: `Member ${n}`,
              email: `m${n}@globex.test`,
            }),
          ),
        },
        pendingInvites: none,
        expiredInvites: none,
        ownersAndManagers: {
          count: 1,
          items: [
            member('globex', {
              id: '2101',
              name: 'Olivia',
              email: 'olivia@globex.test',
            }),
          ],
        },
        teamsWithoutMembers: none,
        // Olivia administers it without joining; its one member is a contributor.
        teamsWithoutAdmin: {
          count: 1,
          items: [
            team('globex', { id: '3101', name: 'Platform', slug: 'platform' }),
          ],
        },
        projectsWithoutTeam: none,
        projectsWithoutAlertRules: none,
        projectsWithOnlyDisabledAlertRules: {
          count: 1,
          items: [
            project('globex', { id: '4101', name: 'Billing', slug: 'billing' }),
          ],
        },
        // Same name: ordered by id.
        disabledAlertRules: {
          count: 2,
          items: [
            workflowRule('globex', { id: '6101', name: 'Paused' }),
            workflowRule('globex', { id: '6102', name: 'Paused' }),
          ],
        },
        newestRelease: {
          id: '1002/billing@0.1.0',
          version: 'billing@0.1.0',
          dateCreated: '2025-01-01T00:00:00Z',
          url: `${WEB}/organizations/globex/releases/billing%400.1.0/`,
        },
      },
    };

    const all = await summaryOf();
    expect(all.map(s => s.organization.slug)).toEqual(['acme', 'globex']);
    expect(all[1]).toEqual(globex);
    expect(await summaryOf('globex')).toEqual([globex]);
    expect(all[0]).toEqual((await summaryOf('acme'))[0]);
  });

  it('gives zeros, empty lists and no newest release for an empty organization', async () => {
    const empty: FixtureOrganization = {
      organization: organizationJson({
        id: '1003',
        slug: 'initech',
        name: 'Initech',
      }),
      members: [],
      teams: [],
      teamMembers: {},
      projects: [],
      releases: [],
      detectors: [],
      workflows: [],
    };
    server.setData({ organizations: [empty] });
    const updateTag = await sync();
    // Strict: no newestRelease key at all, not one that is undefined.
    expect(await summaryOf('initech')).toStrictEqual([
      {
        organization: {
          id: '1003',
          slug: 'initech',
          name: 'Initech',
          url: `${WEB}/organizations/initech/`,
          require2fa: false,
          lastUpdated: updateTag,
        },
        nodes: {
          SentryOrganization: 1,
          SentryTeam: 0,
          SentryUser: 0,
          SentryProject: 0,
          SentryRelease: 0,
          SentryAlertRule: 0,
        },
        relationships: {
          RESOURCE: 0,
          MEMBER_OF: 0,
          ADMIN_OF: 0,
          HAS_TEAM: 0,
          HAS_RULE: 0,
          HAS_RELEASE: 0,
        },
        findings: {
          membersWithout2fa: { count: 0, items: [], flagged: false },
          pendingInvites: none,
          expiredInvites: none,
          ownersAndManagers: none,
          teamsWithoutMembers: none,
          teamsWithoutAdmin: none,
          projectsWithoutTeam: none,
          projectsWithoutAlertRules: none,
          projectsWithOnlyDisabledAlertRules: none,
          disabledAlertRules: none,
        },
      },
    ]);
  });

  it('returns [] for an organization the graph does not have', async () => {
    expect(await summaryOf()).toEqual([]);
    await sync();
    expect(await summaryOf('umbrella')).toEqual([]);
    // Slugs match exactly, not by prefix or case.
    expect(await summaryOf('ACME')).toEqual([]);
  });
});
