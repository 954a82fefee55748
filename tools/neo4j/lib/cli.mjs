// `node tools/neo4j/neo4j.mjs start|stop|restart|status|build`.
import { buildIfNeeded } from './build.mjs';
import { rel } from './files.mjs';
import { ensureNeo4j } from './start.mjs';
import { neo4jStatus } from './status.mjs';
import { stopNeo4j } from './stop.mjs';

/** Runs one command; resolves with the process's exit code. */
export async function main(argv) {
  const [cmd, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--port') options.port = rest[++i];
    else if (a.startsWith('--port=')) options.port = a.slice(7);
    else if (a === '--data-dir') options.dataDir = rest[++i];
    else if (a.startsWith('--data-dir=')) options.dataDir = a.slice(11);
    else throw new Error(`unknown argument: ${a}`);
  }
  switch (cmd) {
    case 'start': {
      const r = await ensureNeo4j(options);
      process.stdout.write(
        `neo4j ${r.reused ? 'reused' : 'started'}: ${r.uri} user ${r.user}` +
          `${r.pid ? ` pid ${r.pid}` : ''} data ${rel(r.dataDir)}\n`,
      );
      return 0;
    }
    case 'stop':
      await stopNeo4j(options);
      return 0;
    case 'restart':
      await stopNeo4j(options);
      await ensureNeo4j(options);
      return 0;
    case 'status': {
      const s = await neo4jStatus(options);
      if (s.running) {
        process.stdout.write(
          `running: ${s.uri} (${s.version ?? 'Neo4j'}${s.pid ? `, pid ${s.pid}` : ', not started from this data dir'}) port ${s.port}\n`,
        );
        return 0;
      }
      if (s.status === 'auth') {
        process.stdout.write(
          `running but unusable: ${s.uri}${s.pid ? ` (pid ${s.pid})` : ''} rejects user neo4j with NEO4J_PASSWORD (${s.message}) port ${s.port}\n`,
        );
        return 1;
      }
      if (s.status !== 'refused') {
        process.stdout.write(
          `not running: port ${s.port} is used by something that is not a usable Neo4j (${s.status}: ${s.message})\n`,
        );
        return 3;
      }
      process.stdout.write(
        `not running: port ${s.port}${s.pid ? ` (launcher pid ${s.pid} is still starting)` : ''}\n`,
      );
      return 3;
    }
    case 'build':
      await buildIfNeeded({ force: rest.includes('--force') });
      return 0;
    default:
      process.stderr.write(
        'usage: node tools/neo4j/neo4j.mjs start|stop|restart|status|build [--port N] [--data-dir DIR]\n' +
          '  env: NEO4J_BOLT_PORT (7687), NEO4J_PASSWORD (sentry-graph-dev), NEO4J_DATA_DIR (.neo4j/<port>),\n' +
          '       NEO4J_HEAP (2g), NEO4J_PAGECACHE (1g), NEO4J_TX_TOTAL_MAX (1g), NEO4J_TX_MAX (512m),\n' +
          '       NEO4J_JAVA_HOME / JAVA_HOME (Java 17 or 21), NEO4J_START_TIMEOUT (s, 180)\n',
      );
      return cmd ? 2 : 0;
  }
}
