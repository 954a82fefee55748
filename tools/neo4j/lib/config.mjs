// Options, environment variables and defaults for one server.
import path from 'node:path';
import { STATE_ROOT } from './paths.mjs';

export const DEFAULT_PORT = 7687;
export const DEFAULT_PASSWORD = 'sentry-graph-dev';
export const NEO4J_USER = 'neo4j';

// configuration

/**
 * Resolves options (explicit option, else environment variable, else default).
 * @param {object} [options]
 * @param {number|string} [options.port]       NEO4J_BOLT_PORT, 7687
 * @param {string} [options.password]          NEO4J_PASSWORD, 'sentry-graph-dev'
 * @param {string} [options.host]              NEO4J_BOLT_HOST, '127.0.0.1'
 * @param {string} [options.dataDir]           NEO4J_DATA_DIR, <repo>/.neo4j/<port>
 * @param {string} [options.heap]              NEO4J_HEAP, '2g' (-Xmx)
 * @param {string} [options.heapInitial]       NEO4J_HEAP_INITIAL, '512m' (-Xms)
 * @param {string} [options.pagecache]         NEO4J_PAGECACHE, '1g'
 * @param {string} [options.txTotalMax]        NEO4J_TX_TOTAL_MAX, '1g'
 * @param {string} [options.txMax]             NEO4J_TX_MAX, '512m'
 * @param {string} [options.javaOpts]          NEO4J_JAVA_OPTS, extra JVM flags
 * @param {number} [options.timeoutMs]         NEO4J_START_TIMEOUT (seconds), 180 s
 * @param {boolean|Function} [options.log]     false for silence, or a function(line)
 */
export function resolveConfig(options = {}) {
  const env = options.env ?? process.env;
  const pick = (opt, name, dflt) =>
    opt !== undefined && opt !== null && opt !== ''
      ? String(opt)
      : env[name]
        ? String(env[name])
        : dflt;
  const port = Number(
    pick(options.port, 'NEO4J_BOLT_PORT', String(DEFAULT_PORT)),
  );
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `invalid Bolt port: ${pick(options.port, 'NEO4J_BOLT_PORT', '')}`,
    );
  }
  const password = pick(options.password, 'NEO4J_PASSWORD', DEFAULT_PASSWORD);
  if (password.length < 8) {
    throw new Error(
      'NEO4J_PASSWORD must have at least 8 characters (Neo4j minimum password length)',
    );
  }
  const host = pick(options.host, 'NEO4J_BOLT_HOST', '127.0.0.1');
  const dataDir = path.resolve(
    pick(
      options.dataDir,
      'NEO4J_DATA_DIR',
      path.join(STATE_ROOT, String(port)),
    ),
  );
  const timeoutSec = Number(env.NEO4J_START_TIMEOUT || 180);
  const log =
    options.log === false
      ? () => {}
      : typeof options.log === 'function'
        ? options.log
        : defaultLog;
  return {
    port,
    host,
    password,
    user: NEO4J_USER,
    uri: `bolt://${host}:${port}`,
    dataDir,
    logFile: path.join(dataDir, 'neo4j.log'),
    debugLog: path.join(dataDir, 'logs', 'debug.log'),
    pidFile: path.join(dataDir, 'neo4j.pid'),
    readyFile: path.join(dataDir, 'ready.json'),
    lockFile: path.join(dataDir, 'start.lock'),
    heap: pick(options.heap, 'NEO4J_HEAP', '2g'),
    heapInitial: pick(options.heapInitial, 'NEO4J_HEAP_INITIAL', '512m'),
    pagecache: pick(options.pagecache, 'NEO4J_PAGECACHE', '1g'),
    txTotalMax: pick(options.txTotalMax, 'NEO4J_TX_TOTAL_MAX', '1g'),
    txMax: pick(options.txMax, 'NEO4J_TX_MAX', '512m'),
    javaOpts: pick(options.javaOpts, 'NEO4J_JAVA_OPTS', '')
      .split(/\s+/)
      .filter(Boolean),
    timeoutMs: options.timeoutMs ?? timeoutSec * 1000,
    env,
    log,
  };
}

export function defaultLog(line) {
  process.stderr.write(`[neo4j] ${line}\n`);
}
