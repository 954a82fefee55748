import { ALL_SCOPES } from '@sentry-graph/sentry-sample-server';
import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { useSampleServerEnvironment } from '../__testUtils__/sampleServerEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useSampleServerEnvironment();
const { graph } = env;

/** Acme without open membership: a member reaches only their teams' projects. */
async function serveAcmeTo(memberId?: string) {
  const acme = acmeOrganization();
  acme.organization.openMembership = false;
  return env.start({
    data: { organizations: [acme] },
    tokens: [{ token: 'sample-token', scopes: [...ALL_SCOPES], memberId }],
  });
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
