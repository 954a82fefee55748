import { generateSampleData } from '../generator/generateSampleData';
import { startSampleServer } from '../server/startSampleServer';
import type { SampleServer, SampleServerOptions } from '../types/serverOptions';

/** Helpers for tests that talk to a real server over HTTP (not part of the public API). */

export const TOKEN = 'sample-token';

export async function withServer<T>(
  options: Partial<SampleServerOptions>,
  body: (server: SampleServer) => Promise<T>,
): Promise<T> {
  const server = await startSampleServer({
    data: generateSampleData({ preset: 'S' }),
    ...options,
  });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

export function get(
  server: SampleServer,
  path: string,
  token: string | null = TOKEN,
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
}

export interface LinkEntry {
  url: string;
  rel: string;
  results: boolean;
  cursor: string;
}

/** Parses Sentry's Link header strictly: exactly the CURSOR_LINK_HEADER format, or it throws. */
export function parseLinkHeader(header: string | null): {
  previous: LinkEntry;
  next: LinkEntry;
} {
  if (!header) throw new Error('no Link header');
  const entries = header
    .split(', <')
    .map((part, index) => (index === 0 ? part : `<${part}`));
  const parsed = entries.map(entry => {
    const match =
      /^<([^>]+)>; rel="(previous|next)"; results="(true|false)"; cursor="([^"]+)"$/.exec(
        entry,
      );
    if (!match) throw new Error(`malformed Link entry: ${entry}`);
    if (!match[1].endsWith(`&cursor=${match[4]}`))
      throw new Error(`URL does not end with its cursor: ${entry}`);
    return {
      url: match[1],
      rel: match[2],
      results: match[3] === 'true',
      cursor: match[4],
    };
  });
  if (
    parsed.length !== 2 ||
    parsed[0].rel !== 'previous' ||
    parsed[1].rel !== 'next'
  ) {
    throw new Error(`expected previous then next: ${header}`);
  }
  return { previous: parsed[0], next: parsed[1] };
}

/** Follows rel="next" while results="true", as Sentry's clients do; returns every item seen. */
export function walkAllPages<T>(
  server: SampleServer,
  path: string,
  token: string | null = TOKEN,
): Promise<{ items: T[]; pages: number }> {
  return walkPages(server, path, token, body => body as T[]);
}

/** walkAllPages for any body: `itemsOf` takes a page's items out of its JSON body. */
export async function walkPages<T>(
  server: SampleServer,
  path: string,
  token: string | null,
  itemsOf: (body: unknown) => T[],
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let url: string | undefined = `${server.url}${path}`;
  let pages = 0;
  while (url) {
    const response: Response = await fetch(url, {
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    });
    if (response.status !== 200)
      throw new Error(
        `${url}: HTTP ${response.status} ${await response.text()}`,
      );
    items.push(...itemsOf(await response.json()));
    pages++;
    const { next } = parseLinkHeader(response.headers.get('link'));
    url = next.results ? next.url : undefined;
  }
  return { items, pages };
}
