import { request } from 'node:http';
import { generateSampleData } from '../generator/generateSampleData';
import {
  get,
  parseLinkHeader,
  TOKEN,
  walkAllPages,
  withServer,
} from '../testing/httpTestHelpers';
import type { SampleServer } from '../types/serverOptions';
import type { MemberJson, ReleaseJson, WorkflowJson } from '../index';

/**
 * The Link header of a GET sent with its own Host header (which fetch does
 * not let a caller set), over a connection to the server's own address.
 */
function linkHeaderWithHost(
  server: SampleServer,
  path: string,
  host: string,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { headers: { Host: host, Authorization: `Bearer ${TOKEN}` } },
      res => {
        res.resume();
        const link = res.headers.link;
        resolve(typeof link === 'string' ? link : null);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('pagination follows Sentry exactly', () => {
  const data = generateSampleData({ preset: 'S', sizes: { members: 250 } });

  it('writes the Link header of the first, a middle and the last page in CURSOR_LINK_HEADER format', async () => {
    await withServer({ data }, async server => {
      const base = `${server.url}/api/0/organizations/acme/members/`;

      const first = await get(server, '/api/0/organizations/acme/members/');
      expect(first.headers.get('link')).toBe(
        `<${base}?&cursor=100:-1:1>; rel="previous"; results="false"; cursor="100:-1:1", ` +
          `<${base}?&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0"`,
      );
      expect(await first.json()).toHaveLength(100);

      const middle = await get(
        server,
        '/api/0/organizations/acme/members/?cursor=100:1:0',
      );
      expect(middle.headers.get('link')).toBe(
        `<${base}?&cursor=100:0:1>; rel="previous"; results="true"; cursor="100:0:1", ` +
          `<${base}?&cursor=100:2:0>; rel="next"; results="true"; cursor="100:2:0"`,
      );

      const last = await get(
        server,
        '/api/0/organizations/acme/members/?cursor=100:2:0',
      );
      expect(last.headers.get('link')).toBe(
        `<${base}?&cursor=100:1:1>; rel="previous"; results="true"; cursor="100:1:1", ` +
          `<${base}?&cursor=100:3:0>; rel="next"; results="false"; cursor="100:3:0"`,
      );
      expect(await last.json()).toHaveLength(50);
    });
  });

  it('keeps the other query parameters, drops cursor, and builds absolute URLs from the Host', async () => {
    await withServer({ data }, async server => {
      const response = await get(
        server,
        '/api/0/organizations/acme/releases/?project=-1&per_page=20&cursor=20:2:0',
      );
      const { previous, next } = parseLinkHeader(response.headers.get('link'));
      expect(previous.url).toBe(
        `${server.url}/api/0/organizations/acme/releases/?project=-1&per_page=20&cursor=20:1:1`,
      );
      expect(next.url).toBe(
        `${server.url}/api/0/organizations/acme/releases/?project=-1&per_page=20&cursor=20:3:0`,
      );

      const viaLocalhost = await linkHeaderWithHost(
        server,
        '/api/0/organizations/acme/members/',
        `localhost:${new URL(server.url).port}`,
      );
      expect(
        parseLinkHeader(viaLocalhost).next.url.startsWith('http://localhost:'),
      ).toBe(true);
    });
  });

  it('builds Link URLs and regionUrl from the configured URL prefix, not from the Host, as Sentry behind a proxy does', async () => {
    const urlPrefix = 'https://sentry.proxy.invalid';
    await withServer({ data, urlPrefix }, async server => {
      const response = await get(
        server,
        '/api/0/organizations/acme/members/?per_page=100',
      );
      const { next } = parseLinkHeader(response.headers.get('link'));
      expect(next.url).toBe(
        `${urlPrefix}/api/0/organizations/acme/members/?per_page=100&cursor=100:1:0`,
      );
      const organization = await get(
        server,
        '/api/0/organizations/acme/?detailed=0',
      );
      expect(await organization.json()).toMatchObject({
        links: { regionUrl: urlPrefix },
      });
    });
  });

  it('returns every item exactly once when a client walks all pages, in Sentry order', async () => {
    await withServer({ data }, async server => {
      const members = await walkAllPages<MemberJson>(
        server,
        '/api/0/organizations/acme/members/?per_page=33',
      );
      expect(members.pages).toBe(Math.ceil(250 / 33));
      expect(members.items.map(member => member.id)).toEqual(
        [...new Set(members.items.map(member => member.id))].sort(
          (a, b) => Number(a) - Number(b),
        ),
      );
      expect(members.items).toHaveLength(250);

      const releases = await walkAllPages<ReleaseJson>(
        server,
        '/api/0/organizations/acme/releases/?project=-1&status=&per_page=7',
      );
      expect(releases.items).toHaveLength(60);
      expect(new Set(releases.items.map(release => release.id)).size).toBe(60);
      const created = releases.items.map(release => release.dateCreated);
      expect(created).toEqual([...created].sort().reverse());
    });
  });

  it('rejects per_page above 100, non-integer per_page, bad cursors and negative offsets with 400', async () => {
    await withServer({ data }, async server => {
      const cases: Array<[string, unknown]> = [
        [
          '?per_page=101',
          { detail: 'Invalid per_page value. Cannot exceed 100.' },
        ],
        ['?per_page=abc', { detail: 'Invalid per_page parameter.' }],
        ['?per_page=', { detail: 'Invalid per_page parameter.' }],
        ['?cursor=garbage', { detail: 'Invalid cursor parameter.' }],
        ['?cursor=100:1', { detail: 'Invalid cursor parameter.' }],
        [
          '?cursor=100:-1:1',
          { detail: 'Pagination offset cannot be negative' },
        ],
      ];
      for (const [query, body] of cases) {
        const response = await get(
          server,
          `/api/0/organizations/acme/teams/${query}`,
        );
        expect({
          query,
          status: response.status,
          body: await response.json(),
        }).toEqual({ query, status: 400, body });
      }
      // per_page=100 is fine, and an empty cursor counts as none.
      expect(
        (
          await get(
            server,
            '/api/0/organizations/acme/teams/?per_page=100&cursor=',
          )
        ).status,
      ).toBe(200);
    });
  });

  it('sends X-Hits (capped at 1000, like Sentry) on workflows and detectors only', async () => {
    await withServer({ data }, async server => {
      const workflows = await get(
        server,
        '/api/0/organizations/acme/workflows/?per_page=5',
      );
      const all = await walkAllPages<WorkflowJson>(
        server,
        '/api/0/organizations/acme/workflows/',
      );
      expect(workflows.headers.get('x-hits')).toBe(String(all.items.length));
      expect(workflows.headers.get('x-max-hits')).toBe('1000');
      expect(
        (await get(server, '/api/0/organizations/acme/detectors/')).headers.get(
          'x-hits',
        ),
      ).not.toBeNull();
      expect(
        (await get(server, '/api/0/organizations/acme/members/')).headers.get(
          'x-hits',
        ),
      ).toBeNull();
    });
  });
});
