import { acmeOrganization } from '../__testUtils__/acmeFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';
import { waitFor } from '../__testUtils__/waitFor';

const env = useAcmeEnvironment();
const { graph } = env;

const FRANK = '2006';

async function frankInGraph(): Promise<{ user: number; memberOf: number }> {
  const [row] = await graph.query<{ user: number; memberOf: number }>(
    `OPTIONAL MATCH (u:SentryUser {id: $id})
     OPTIONAL MATCH (u)-[m:MEMBER_OF]->()
     RETURN count(DISTINCT u) AS user, count(m) AS memberOf`,
    { id: FRANK },
  );
  return row;
}

it('deletes a member Sentry no longer has while the releases are still being listed', async () => {
  expect((await runTestSync(env.sentry, graph)).status).toBe('succeeded');
  expect(await frankInGraph()).toEqual({ user: 1, memberOf: 1 });

  // Frank leaves; the releases listing is held back 15 s, long enough for a
  // loaded machine to list and clean up the members meanwhile.
  const acme = acmeOrganization();
  env.sentry.setData({
    organizations: [
      {
        ...acme,
        members: acme.members.filter(m => m.id !== FRANK),
        teamMembers: {
          ...acme.teamMembers,
          frontend: acme.teamMembers.frontend.filter(m => m.memberId !== FRANK),
        },
      },
    ],
  });
  env.sentry.setFaults([
    { path: '/releases/', kind: 'slow', delayMs: 15_000, times: 1 },
  ]);
  let ended = false;
  const run = runTestSync(env.sentry, graph, {
    sentry: { timeoutMs: 30_000 },
  }).finally(() => {
    ended = true;
  });

  // Members and memberships are cleaned up as soon as they are listed.
  await waitFor(async () => {
    const frank = await frankInGraph();
    return frank.user === 0 ? frank : undefined;
  });
  expect(ended).toBe(false);
  expect(await frankInGraph()).toEqual({ user: 0, memberOf: 0 });

  const result = await run;
  expect(result.status).toBe('succeeded');
  expect(result.organizations[0].kinds.members).toMatchObject({
    deleted: 1,
    deletionChecks: { confirmed: 1, stillInSentry: 0, awaitingNextRun: 0 },
  });
});
