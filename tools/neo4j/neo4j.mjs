#!/usr/bin/env node
// Starts, stops and checks the project's local Neo4j 5.26 (Community) server:
// the real Neo4j kernel embedded in tools/neo4j's Java launcher, with its Bolt
// connector on 127.0.0.1:<port>. Plain Node ESM without dependencies (Node 20+),
// because it also runs before `npm install`.
//
//   node tools/neo4j/neo4j.mjs start|stop|status|restart|build
//   NEO4J_BOLT_PORT=7688 node tools/neo4j/neo4j.mjs start
//
// Programmatic use (tests, benchmark, demo):
//   import { ensureNeo4j, stopNeo4j } from '<repo>/tools/neo4j/neo4j.mjs';
//   const neo = await ensureNeo4j({ port: 7688 });  // { uri, user, password, port, pid, reused, ... }
//   ...
//   await stopNeo4j({ port: 7688 });
//
// See README.md next to this file for the environment variables and memory choices.
// The code is in lib/, one module per job: start.mjs (reuse or start),
// launch.mjs (spawn the JVM), readiness.mjs, stop.mjs, status.mjs,
// build.mjs (Maven), java.mjs, cds.mjs (class-data sharing), boltCheck.mjs
// and packstream.mjs (a minimal Bolt client), processes.mjs, files.mjs,
// config.mjs, paths.mjs, cli.mjs.

import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from './lib/cli.mjs';

export { boltCheck } from './lib/boltCheck.mjs';
export { buildIfNeeded } from './lib/build.mjs';
export {
  DEFAULT_PASSWORD,
  DEFAULT_PORT,
  NEO4J_USER,
  resolveConfig,
} from './lib/config.mjs';
export { findJava } from './lib/java.mjs';
export { ensureNeo4j } from './lib/start.mjs';
export { neo4jStatus } from './lib/status.mjs';
export { stopNeo4j } from './lib/stop.mjs';

const invokedDirectly = (() => {
  try {
    return (
      process.argv[1] &&
      fs.realpathSync(process.argv[1]) ===
        fs.realpathSync(fileURLToPath(import.meta.url))
    );
  } catch {
    return (
      process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url
    );
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    err => {
      process.stderr.write(`[neo4j] error: ${err.message}\n`);
      process.exit(1);
    },
  );
}
