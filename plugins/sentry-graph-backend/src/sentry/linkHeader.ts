/** One entry of a Link header: `<url>; rel="next"; results="true"; cursor="..."`. */
export interface LinkEntry {
  url: string;
  /** Parameter names lower-cased, values unquoted. */
  params: Record<string, string>;
}

export type LinkProblem = 'bad-link-header' | 'foreign-next-link';

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
 * The URL of the next page, or undefined on the last page (sentry-api.md §4:
 * follow rel="next" while results="true"). A missing header means a single
 * page. The next URL must stay on the origin the request went to, because
 * the token goes with it.
 */
export function nextPageUrl(
  header: string | null,
  requestUrl: URL,
): URL | undefined {
  if (header === null || header.trim() === '') return undefined;
  const next = parseLinkHeader(header).find(entry =>
    (entry.params.rel ?? '').toLowerCase().split(/\s+/).includes('next'),
  );
  // Sentry always says results="true|false"; a plain RFC 8288 server that
  // sends rel="next" without it means there is a next page.
  if (!next || next.params.results?.toLowerCase() === 'false') return undefined;

  let url: URL;
  try {
    url = new URL(next.url, requestUrl);
  } catch {
    throw new LinkHeaderError(
      'the Link header has a next URL that is not a valid URL',
      'bad-link-header',
    );
  }
  if (url.origin !== requestUrl.origin) {
    throw new LinkHeaderError(
      `the next-page link points to ${url.origin}, not to ${requestUrl.origin} ` +
        'where the request went; it was not followed so the token is not sent elsewhere. ' +
        'If Sentry sits behind a proxy, check that its system.url-prefix and forwarded ' +
        'headers match the URL configured here',
      'foreign-next-link',
    );
  }
  if (url.href === requestUrl.href) {
    throw new LinkHeaderError(
      'the next-page link points back to the same page; stopping to avoid a loop',
      'bad-link-header',
    );
  }
  return url;
}
