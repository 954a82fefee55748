import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useAcmeEnvironment();
const { graph } = env;

interface ReleaseRow {
  id: string;
  status: string;
  firstseen: number;
  projects: string[];
}

const releases = () =>
  graph.query<ReleaseRow>(`
    MATCH (:SentryOrganization {id: '1001'})-[:RESOURCE]->(r:SentryRelease)
    OPTIONAL MATCH (p:SentryProject)-[:HAS_RELEASE]->(r)
    WITH r, p ORDER BY p.slug
    RETURN r.id AS id, r.status AS status, r.firstseen AS firstseen,
           collect(p.slug) AS projects
    ORDER BY id`);

/** Acme with the given release versions archived. */
function acmeWithArchived(...versions: string[]) {
  const acme = acmeOrganization();
  for (const release of acme.releases) {
    if (versions.includes(release.version)) release.status = 'archived';
  }
  return acme;
}

describe('archived releases', () => {
  it('are synced with status archived, next to the open ones', async () => {
    env.sentry.setData({ organizations: [acmeWithArchived('web@2.0.0')] });

    const result = await runTestSync(env.sentry, graph);

    expect(result.status).toBe('succeeded');
    expect(
      (await releases()).map(({ id, status, projects }) => ({
        id,
        status,
        projects,
      })),
    ).toEqual([
      { id: '1001/api@1.0.0', status: 'open', projects: ['api'] },
      { id: '1001/shared@1.0.0', status: 'open', projects: [] },
      { id: '1001/web@2.0.0', status: 'archived', projects: ['api', 'web'] },
    ]);
  });

  it('keep their node, firstseen and links when Sentry archives them', async () => {
    await runTestSync(env.sentry, graph);
    const before = await releases();

    env.sentry.setData({ organizations: [acmeWithArchived('api@1.0.0')] });
    const result = await runTestSync(env.sentry, graph);

    expect(result.organizations[0].kinds.releases?.deleted).toBe(0);
    expect(await releases()).toEqual(
      before.map(release =>
        release.id === '1001/api@1.0.0'
          ? { ...release, status: 'archived' }
          : release,
      ),
    );
  });
});
