import {
  LinkHeaderError,
  nextPageCursor,
  parseLinkHeader,
  withCursor,
} from './linkHeader';

/** The next page's URL, as a listing read page after page asks for it. */
function nextPageUrl(header: string | null, request: URL): URL | undefined {
  const cursor = nextPageCursor(header, request.searchParams.get('cursor'));
  return cursor === undefined ? undefined : withCursor(request, cursor);
}

const base = 'https://sentry.io/api/0/organizations/acme/members/';
const request = new URL(`${base}?per_page=100`);

function sentryLink(nextResults: boolean, nextCursor = '100:1:0'): string {
  return (
    `<${base}?&cursor=100:-1:1>; rel="previous"; results="false"; cursor="100:-1:1", ` +
    `<${base}?&cursor=${nextCursor}>; rel="next"; results="${nextResults}"; cursor="${nextCursor}"`
  );
}

describe('parseLinkHeader', () => {
  it('reads both entries of the header Sentry sends', () => {
    expect(parseLinkHeader(sentryLink(true))).toEqual([
      {
        url: `${base}?&cursor=100:-1:1`,
        params: { rel: 'previous', results: 'false', cursor: '100:-1:1' },
      },
      {
        url: `${base}?&cursor=100:1:0`,
        params: { rel: 'next', results: 'true', cursor: '100:1:0' },
      },
    ]);
  });

  it('tolerates any spacing, parameter order, unquoted values and commas in quotes', () => {
    const header = ` <https://x.io/a?b=1,2>;cursor="a,b" ;results=true;REL = "next" ,<https://x.io/p>;rel=previous`;
    expect(parseLinkHeader(header)).toEqual([
      {
        url: 'https://x.io/a?b=1,2',
        params: { cursor: 'a,b', results: 'true', rel: 'next' },
      },
      { url: 'https://x.io/p', params: { rel: 'previous' } },
    ]);
  });

  it.each([
    ['no angle brackets', 'https://x.io/; rel="next"'],
    ['an unclosed bracket', '<https://x.io/; rel="next"'],
    ['an unterminated quote', '<https://x.io/>; rel="next'],
    ['garbage between entries', '<https://x.io/>; rel="next" junk'],
  ])('rejects a header with %s', (_what, header) => {
    expect(() => parseLinkHeader(header)).toThrow(LinkHeaderError);
  });
});

describe('the next page from nextPageCursor and withCursor', () => {
  it('follows next while results="true", on the URL the client called with the new cursor', () => {
    expect(nextPageUrl(sentryLink(true), request)?.href).toBe(
      `${base}?per_page=100&cursor=100%3A1%3A0`,
    );
  });

  it('stops when next says results="false"', () => {
    expect(nextPageUrl(sentryLink(false), request)).toBeUndefined();
  });

  it('treats a missing or empty Link header as a single page', () => {
    expect(nextPageUrl(null, request)).toBeUndefined();
    expect(nextPageUrl('  ', request)).toBeUndefined();
  });

  it('stops when there is no next entry', () => {
    expect(
      nextPageUrl(
        `<${base}?&cursor=1>; rel="previous"; results="true"`,
        request,
      ),
    ).toBeUndefined();
  });

  it('takes only the cursor from a link on another host, path or query, so the token stays home', () => {
    const called = new URL(`${base}?project=-1&per_page=100&cursor=100:1:0`);
    const elsewhere = `<https://sentry.internal.example/other/path/?project=7&cursor=100:2:0>; rel="next"; results="true"; cursor="100:2:0"`;
    const next = nextPageUrl(elsewhere, called)!;
    expect(next.origin).toBe('https://sentry.io');
    expect(next.pathname).toBe('/api/0/organizations/acme/members/');
    expect([...next.searchParams]).toEqual([
      ['project', '-1'],
      ['per_page', '100'],
      ['cursor', '100:2:0'],
    ]);
  });

  it('reads the cursor from the link URL when the cursor attribute is missing', () => {
    const header = `<https://other.example/x/?&cursor=100:1:0>; rel="next"; results="true"`;
    expect(nextPageUrl(header, request)?.searchParams.get('cursor')).toBe(
      '100:1:0',
    );
  });

  it('refuses a next link without a cursor, or one that points back at the same page', () => {
    expect(() =>
      nextPageUrl(`<${base}>; rel="next"; results="true"`, request),
    ).toThrow(/no cursor/);
    const current = new URL(`${base}?cursor=100:1:0`);
    expect(() => nextPageUrl(sentryLink(true), current)).toThrow(/same page/);
  });
});
