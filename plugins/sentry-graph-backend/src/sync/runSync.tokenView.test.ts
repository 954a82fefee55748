import {
  ALL_SCOPES,
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { runTestSync } from '../__testUtils__/syncHarness';
import { openTestGraph } from '../__testUtils__/testGraph';

const graph = openTestGraph();
let sentry: SampleServer | undefined;

beforeEach(() => graph.wipe());
afterEach(() => sentry?.close());
afterAll(() => graph.close());

/** Acme without open membership: a member reaches only their teams' projects. */
async function serveAcmeTo(memberId?: string) {
  const acme = acmeOrganization();
  acme.organization.openMembership = false;
  sentry = await startSampleServer({
    data: { organizations: [acme] },
    tokens: [{ token: 'sample-token', scopes: [...ALL_SCOPES], memberId }],
  });
  return sentry;
}

describe("the token's view of the organization", () => {
  it("says how many projects a member's token cannot see, since Sentry leaves their releases and rules out", async () => {
    // Carol (org role member) joined backend, which owns api and web; the
    // orphan project belongs to no team.
    const result = await runTestSync(await serveAcmeTo('2003'), graph);

    const [acme] = result.organizations;
    expect(acme.projectsWithoutAccess).toBe(1);
    expect(acme.kinds.projects?.warnings).toEqual([
      expect.stringMatching(/cannot see 1 of 3 projects/),
    ]);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^acme projects: .*owner's or manager's token/),
    ]);
    // Listed all the same, as Sentry lists every project to any member.
    const [row] = await graph.query<{ projects: number }>(
      'RETURN COUNT { (:SentryProject) } AS projects',
    );
    expect(row.projects).toBe(3);
  });

  it('says nothing for an owner, who sees every project', async () => {
    const result = await runTestSync(await serveAcmeTo('2001'), graph);

    expect(result.organizations[0].projectsWithoutAccess).toBeUndefined();
    expect(result.warnings ?? []).toEqual([]);
  });
});
