// Spawning the Java launcher, detached, with the JVM flags Neo4j needs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { classDataSharing } from './cds.mjs';
import { rel, rotateLog, sizeBytes, sleep } from './files.mjs';
import { JAR } from './paths.mjs';

/**
 * Starts the launcher for `cfg` with `java`, its output appended to the
 * server's log and its pid written to the pid file. Resolves once spawned,
 * not once ready (readiness.mjs waits for that).
 * @returns {Promise<{pid:number,startedAt:number,exited:()=>object|null}>}
 */
export async function launchNeo4j(cfg, java) {
  rotateLog(cfg.logFile);
  fs.appendFileSync(
    cfg.logFile,
    `\n=== neo4j.mjs start ${new Date().toISOString()} port ${cfg.port} java ${java.home}\n`,
  );
  const out = fs.openSync(cfg.logFile, 'a');
  const heapInitial =
    sizeBytes(cfg.heapInitial) > sizeBytes(cfg.heap)
      ? cfg.heap
      : cfg.heapInitial;
  const cds = classDataSharing(java, cfg.env);
  const jvmArgs = [
    // Neo4j warns unless -Xms is set; 512m keeps an idle dev server small.
    `-Xms${heapInitial}`,
    `-Xmx${cfg.heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+DisableExplicitGC',
    // Same module openings as the Neo4j server's neo4j.conf: without them the page
    // cache falls back to slower buffers and native log preallocation fails.
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dlog4j2.disable.jmx=true',
    ...cds.args,
    ...cfg.javaOpts,
  ];
  const args = [
    ...jvmArgs,
    '-jar',
    JAR,
    '--port',
    String(cfg.port),
    '--host',
    cfg.host,
    '--data-dir',
    cfg.dataDir,
    '--pagecache',
    cfg.pagecache,
    '--tx-total',
    cfg.txTotalMax,
    '--tx-max',
    cfg.txMax,
  ];
  const childEnv = { ...cfg.env, NEO4J_PASSWORD: cfg.password };
  delete childEnv.NEO4J_PASSWORD_FILE;
  delete childEnv.JAVA_TOOL_OPTIONS;
  const startedAt = Date.now();
  const child = spawn(java.bin, args, {
    cwd: cfg.dataDir,
    detached: true,
    stdio: ['ignore', out, out],
    env: childEnv,
  });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.on('error', err => {
    exited = { code: null, signal: null, error: err };
  });
  child.unref();
  if (!child.pid) {
    await sleep(50);
    throw new Error(
      `could not start ${java.bin}: ${exited?.error?.message ?? 'unknown error'}`,
    );
  }
  fs.writeFileSync(cfg.pidFile, `${child.pid}\n`);
  cds.started(child.pid);
  cfg.log(
    `starting Neo4j on ${cfg.uri} (pid ${child.pid}, Java ${java.major}, data ${rel(cfg.dataDir)}, log ${rel(cfg.logFile)})`,
  );
  return { pid: child.pid, startedAt, exited: () => exited };
}
