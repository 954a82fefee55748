import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Neo4jConnectionOptions } from '../graph/SentryGraphStore';
import { testNeo4jConnection } from './testGraph';

const ROOT = path.resolve(__dirname, '../../../..');
const TOOL = path.join(ROOT, 'tools/neo4j/neo4j.mjs');
const run = promisify(execFile);

/** The port of the Neo4j that tests kill and restart; never the tests' shared one. */
export const SPARE_NEO4J_PORT = Number(
  process.env.SENTRY_GRAPH_TEST_SPARE_NEO4J_PORT ?? 7690,
);

/**
 * A Neo4j of a test's own (tools/neo4j, on its own port and data dir), to
 * kill, restart and stop: the tests' shared Neo4j must stay up for the
 * others. Small, as it holds a small graph.
 */
export class SpareNeo4j {
  readonly connection: Neo4jConnectionOptions = {
    ...testNeo4jConnection(),
    uri: `bolt://127.0.0.1:${SPARE_NEO4J_PORT}`,
  };

  /** Starts it (or the one a crashed earlier run of the tests left), and never someone else's. */
  async start(): Promise<void> {
    const { stdout } = await this.tool('start');
    // "neo4j reused: … pid N …" is a server started from this checkout's
    // data dir; without a pid it is another one, which must not be killed.
    if (/^neo4j reused:/.test(stdout) && !/ pid \d+ /.test(stdout)) {
      throw new Error(
        `port ${SPARE_NEO4J_PORT} already has a Neo4j these tests did not start; ` +
          'set SENTRY_GRAPH_TEST_SPARE_NEO4J_PORT to a free port',
      );
    }
  }

  /** Kills the server at once (SIGKILL), as a crash or the OOM killer does. */
  async kill(): Promise<void> {
    const pid = Number(
      fs.readFileSync(
        path.join(ROOT, '.neo4j', String(SPARE_NEO4J_PORT), 'neo4j.pid'),
        'utf8',
      ),
    );
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise(resolve => setTimeout(resolve, 100));
  }

  async stop(): Promise<void> {
    await this.tool('stop');
  }

  private tool(command: 'start' | 'stop') {
    return run(process.execPath, [TOOL, command], {
      cwd: ROOT,
      env: {
        ...process.env,
        NEO4J_BOLT_PORT: String(SPARE_NEO4J_PORT),
        NEO4J_PASSWORD: this.connection.password,
        NEO4J_HEAP: '512m',
        NEO4J_PAGECACHE: '128m',
        NEO4J_TX_TOTAL_MAX: '256m',
        NEO4J_TX_MAX: '128m',
      },
    });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
