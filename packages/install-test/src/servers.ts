/*
 * The servers the app's backend talks to: the Sentry sample server (preset
 * S, started here on a free port) and the tests' Neo4j (the one
 * scripts/test.sh starts; started here only when it does not run, and then
 * stopped again at the end).
 */
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { start, stop, tail, type Started } from './processes';
import { NEO4J, ROOT, SENTRY_TOKEN } from './settings';
import { sleep } from './wait';
import { cleanEnv } from './yarn';

/** A port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface SampleServer {
  url: string;
  process: Started;
}

export async function startSampleServer(): Promise<SampleServer> {
  const port = await freePort();
  const p = start(
    'sample-server',
    process.execPath,
    [
      '--import',
      'tsx',
      'packages/sentry-sample-server/src/cli.ts',
      '--preset',
      'S',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    { cwd: ROOT, env: cleanEnv({ SENTRY_TOKEN }) },
  );
  const deadline = Date.now() + 60_000;
  while (!p.stdout().includes('listening on')) {
    if (p.done() || Date.now() > deadline) {
      await stop(p);
      throw new Error(`the sample server did not start:\n${tail(p)}`);
    }
    await sleep(200);
  }
  return { url: `http://127.0.0.1:${port}`, process: p };
}

/** The slug of the organization's first project, as the sample server lists them. */
export async function firstProject(
  url: string,
  organization: string,
): Promise<string> {
  const response = await fetch(
    `${url}/api/0/organizations/${organization}/projects/`,
    {
      headers: { Authorization: `Bearer ${SENTRY_TOKEN}` },
    },
  );
  if (!response.ok)
    throw new Error(
      `the sample server lists no projects of ${organization}: HTTP ${response.status}`,
    );
  const projects = (await response.json()) as Array<{ slug: string }>;
  if (!projects[0])
    throw new Error(`the sample server has no project in ${organization}`);
  return projects[0].slug;
}

interface Neo4jTool {
  ensureNeo4j(options: object): Promise<{ uri: string; reused: boolean }>;
  stopNeo4j(options: object): Promise<unknown>;
}
const neo4jTool = async () =>
  (await import(
    path.join(ROOT, 'tools/neo4j/neo4j.mjs')
  )) as unknown as Neo4jTool;

/** Makes sure the tests' Neo4j runs; says whether this call started it (to stop it at the end). */
export async function ensureTestNeo4j(): Promise<{
  uri: string;
  startedHere: boolean;
}> {
  const { uri, reused } = await (
    await neo4jTool()
  ).ensureNeo4j({
    port: NEO4J.port,
    password: NEO4J.password,
    log: false,
  });
  return { uri, startedHere: !reused };
}

export async function stopTestNeo4j(): Promise<void> {
  await (await neo4jTool()).stopNeo4j({ port: NEO4J.port, log: false });
}

/**
 * Empties the tests' Neo4j (the tests wipe it between cases too), so that
 * what earlier tests left, e.g. a larger organization of the same slug, is
 * no mass deletion for this sync's guard to hold.
 */
export async function wipeTestNeo4j(uri: string): Promise<void> {
  const driver = neo4j.driver(
    uri,
    neo4j.auth.basic(NEO4J.username, NEO4J.password),
  );
  const session = driver.session();
  try {
    await session.run(
      'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS',
    );
  } finally {
    await session.close();
    await driver.close();
  }
}
