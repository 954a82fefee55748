import { get, withServer } from '../testing/httpTestHelpers';
import { NetworkLatency } from './networkLatency';

async function timed(request: () => Promise<Response>) {
  const started = Date.now();
  const response = await request();
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started };
}

describe('network latency', () => {
  it('splits the round trip between the way in and the way out, with jitter either way', () => {
    const at = (random: number) =>
      new NetworkLatency({ ms: 200 }, () => random);

    expect(at(0).inboundMs()).toBeCloseTo(80);
    expect(at(0.5).inboundMs()).toBeCloseTo(100);
    expect(at(1).inboundMs()).toBeCloseTo(120);
    expect(at(0.5).outboundMs(0)).toBeCloseTo(100);
  });

  it('adds a little more for a bigger answer, at most half the latency', () => {
    const latency = new NetworkLatency({ ms: 200 }, () => 0.5);

    expect(latency.outboundMs(100_000)).toBeCloseTo(140);
    expect(latency.outboundMs(10_000_000)).toBeCloseTo(200);
  });

  it('adds nothing without options, as on localhost', () => {
    const none = new NetworkLatency(undefined, () => 1);
    expect(none.inboundMs()).toBe(0);
    expect(none.outboundMs(1_000_000)).toBe(0);
  });

  it('delays every answer of a server started with it, errors and 429s included', async () => {
    await withServer(
      { latency: { ms: 200 }, rateLimit: { limit: 1, windowSeconds: 60 } },
      async server => {
        const answers = [
          await timed(() => get(server, '/api/0/organizations/acme/teams/')),
          await timed(() => get(server, '/api/0/organizations/acme/teams/')),
          await timed(() => get(server, '/api/0/organizations/nope/')),
          await timed(() => get(server, '/api/0/organizations/', null)),
        ];

        expect(answers.map(answer => answer.status)).toEqual([
          200, 429, 404, 401,
        ]);
        // Each half is at least 80 ms (100 ms less 20% jitter).
        for (const answer of answers)
          expect(answer.ms).toBeGreaterThanOrEqual(160);
      },
    );
  });
});
