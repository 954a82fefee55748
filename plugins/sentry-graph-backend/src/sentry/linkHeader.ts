/** One entry of a Link header: `<url>; rel="next"; results="true"; cursor="..."`. */
export interface LinkEntry {
  url: string;
  /** Parameter names lower-cased, values unquoted. */
  params: Record<string, string>;
}

export type LinkProblem = 'bad-link-header';

/** The Link header cannot be used; the client turns this into a SentryResponseError. */
export class LinkHeaderError extends Error {
  constructor(
    message: string,
    readonly problem: LinkProblem,
  ) {
    super(message);
    this.name = 'LinkHeaderError';
  }
}

/**
 * Parses an RFC 8288 Link header. Written as a small scanner rather than a
 * split on ',' because URLs and quoted values may contain commas, and
 * because Sentry's exact spacing is not something to depend on.
 */
export function parseLinkHeader(header: string): LinkEntry[] {
  const entries: LinkEntry[] = [];
  let pos = 0;
  const skipWhitespace = () => {
    while (pos < header.length && /\s/.test(header[pos])) pos++;
  };
  const fail = (what: string): never => {
    throw new LinkHeaderError(
      `cannot parse the Link header: ${what} at character ${pos}`,
      'bad-link-header',
    );
  };

  for (;;) {
    while (pos < header.length && /[\s,]/.test(header[pos])) pos++;
    if (pos >= header.length) return entries;
    if (header[pos] !== '<') fail("expected '<'");
    const close = header.indexOf('>', pos);
    if (close < 0) fail("missing '>'");
    const url = header.slice(pos + 1, close).trim();
    pos = close + 1;
    const params: Record<string, string> = {};
    for (;;) {
      skipWhitespace();
      if (pos >= header.length || header[pos] === ',') break;
      if (header[pos] !== ';') fail("expected ';' or ','");
      pos++;
      skipWhitespace();
      const name = /^[^=;,\s]+/.exec(header.slice(pos))?.[0];
      if (!name) fail('expected a parameter name');
      pos += name!.length;
      skipWhitespace();
      let value = '';
      if (header[pos] === '=') {
        pos++;
        skipWhitespace();
        value = header[pos] === '"' ? readQuoted() : readToken();
      }
      params[name!.toLowerCase()] = value;
    }
    entries.push({ url, params });
  }

  function readQuoted(): string {
    let value = '';
    pos++; // opening quote
    while (pos < header.length && header[pos] !== '"') {
      if (header[pos] === '\\') pos++;
      value += header[pos] ?? '';
      pos++;
    }
    if (pos >= header.length) fail('unterminated quoted value');
    pos++; // closing quote
    return value;
  }

  function readToken(): string {
    const token = /^[^;,\s]*/.exec(header.slice(pos))?.[0] ?? '';
    pos += token.length;
    return token;
  }
}

/**
 * The cursor of the next page, or undefined on the last page (sentry-api.md
 * §4: follow rel="next" while results="true"). A missing header means a
 * single page.
 *
 * Only the next entry's cursor is taken: the next page is requested on the
 * origin and path the client called (withCursor), with its other query
 * parameters unchanged. Sentry builds the Link URL from its configured URL
 * prefix (src/sentry/api/base.py `Endpoint.build_cursor_link` →
 * `absolute_uri`, `system.url-prefix`), which behind a proxy, or for a
 * region host, names another host than the one called; and the token must
 * never go anywhere else.
 */
export function nextPageCursor(
  header: string | null,
  currentCursor: string | null,
): string | undefined {
  if (header === null || header.trim() === '') return undefined;
  const next = parseLinkHeader(header).find(entry =>
    (entry.params.rel ?? '').toLowerCase().split(/\s+/).includes('next'),
  );
  // Sentry always says results="true|false"; a plain RFC 8288 server that
  // sends rel="next" without it means there is a next page.
  if (!next || next.params.results?.toLowerCase() === 'false') return undefined;

  const cursor = next.params.cursor || cursorOfUrl(next.url);
  if (!cursor) {
    throw new LinkHeaderError(
      'the next-page link carries no cursor',
      'bad-link-header',
    );
  }
  if (cursor === currentCursor) {
    throw new LinkHeaderError(
      'the next-page link points back to the same page; stopping to avoid a loop',
      'bad-link-header',
    );
  }
  return cursor;
}

/** The request URL with another cursor: the page asked of the origin and path the client called. */
export function withCursor(requestUrl: URL, cursor: string): URL {
  const url = new URL(requestUrl);
  url.searchParams.set('cursor', cursor);
  return url;
}

/** The `cursor` query parameter of a Link URL, which may be relative or unparsable. */
function cursorOfUrl(url: string): string | null {
  try {
    return new URL(url, 'http://link.invalid').searchParams.get('cursor');
  } catch {
    return null;
  }
}
