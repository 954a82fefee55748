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

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TOOL_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(TOOL_DIR, '..', '..');
const POM = path.join(TOOL_DIR, 'pom.xml');
const SRC_DIR = path.join(TOOL_DIR, 'src');
const TARGET_DIR = path.join(TOOL_DIR, 'target');
const JAR = path.join(TARGET_DIR, 'neo4j-launcher.jar');
const CDS_DIR = path.join(TARGET_DIR, 'cds');
const STATE_ROOT = path.join(REPO_ROOT, '.neo4j');
const MAIN_CLASS_MARK = 'neo4j-launcher.jar';
const SUPPORTED_JAVA = [17, 21];

export const DEFAULT_PORT = 7687;
export const DEFAULT_PASSWORD = 'sentry-graph-dev';
export const NEO4J_USER = 'neo4j';

// ---------------------------------------------------------------------------
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

function defaultLog(line) {
  process.stderr.write(`[neo4j] ${line}\n`);
}

// ---------------------------------------------------------------------------
// public API

/**
 * Makes sure a Neo4j answers Bolt on the configured port with the configured
 * credentials: reuses one that already does, otherwise builds the launcher if
 * needed, starts it detached and resolves once a Bolt client ran `RETURN 1`.
 * @returns {Promise<{uri:string,host:string,port:number,user:string,password:string,dataDir:string,logFile:string,pid:number|null,version:string|null,reused:boolean}>}
 */
export async function ensureNeo4j(options = {}) {
  const cfg = resolveConfig(options);
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  return withLock(
    cfg.lockFile,
    cfg.timeoutMs,
    `start of Neo4j on port ${cfg.port}`,
    async () => {
      const result = extra => ({
        uri: cfg.uri,
        host: cfg.host,
        port: cfg.port,
        user: cfg.user,
        password: cfg.password,
        dataDir: cfg.dataDir,
        logFile: cfg.logFile,
        ...extra,
      });

      // The launcher that this data dir's pid file names, if it still runs.
      let ownPid = readPid(cfg.pidFile);
      if (ownPid && !(isAlive(ownPid) && isOurLauncher(ownPid))) ownPid = null;
      if (ownPid) {
        const ownPort = launcherPort(ownPid);
        if (ownPort !== null && ownPort !== cfg.port) {
          throw new Error(
            `data dir ${cfg.dataDir} is in use by the Neo4j launcher pid ${ownPid} on port ${ownPort}; ` +
              `stop it (NEO4J_BOLT_PORT=${ownPort} node tools/neo4j/neo4j.mjs stop) or use another NEO4J_DATA_DIR`,
          );
        }
        if (!fs.existsSync(cfg.readyFile)) {
          // Still starting (e.g. started by a process that gave up waiting), or stopping.
          cfg.log(
            `the launcher for ${cfg.uri} (pid ${ownPid}) is starting or stopping; waiting for it`,
          );
          const ready = await waitForReady(cfg, ownPid, null, Date.now(), {
            adopted: true,
          });
          if (ready)
            return result({
              pid: ownPid,
              version: ready.version,
              reused: true,
            });
          ownPid = null; // it was stopping and has exited: start anew below
        }
      }

      const probe = await boltCheck({
        host: cfg.host,
        port: cfg.port,
        user: cfg.user,
        password: cfg.password,
      });
      if (probe.status === 'ok') {
        cfg.log(
          `reusing the Neo4j already running on ${cfg.uri} (${probe.server ?? 'Neo4j'}` +
            `${ownPid ? `, pid ${ownPid}` : ', not started from this data dir'})`,
        );
        return result({
          pid: ownPid,
          version: probe.server ?? null,
          reused: true,
        });
      }
      if (probe.status === 'auth') {
        throw new Error(
          `port ${cfg.port} answers Bolt but rejects user '${cfg.user}' with the configured password ` +
            `(NEO4J_PASSWORD): ${probe.message.replace(/\.$/, '')}. ` +
            (ownPid
              ? `It is this tool's server (pid ${ownPid}); stop it ('node tools/neo4j/neo4j.mjs stop') and start ` +
                'again: on start the launcher sets the configured password.'
              : 'Use another NEO4J_BOLT_PORT or the password of that server.'),
        );
      }
      if (probe.status !== 'refused') {
        throw new Error(
          `port ${cfg.port} on ${cfg.host} is in use by something that is not a usable Neo4j: ${probe.message}`,
        );
      }
      if (ownPid) {
        // Ready once but Bolt is closed now: it is shutting down. Let it finish.
        cfg.log(
          `the launcher pid ${ownPid} for ${cfg.uri} no longer answers Bolt; waiting for it to exit`,
        );
        if (!(await waitForExit(ownPid, 60_000))) {
          throw new Error(
            `the Neo4j launcher pid ${ownPid} (data ${cfg.dataDir}) neither answers Bolt on port ${cfg.port} nor exits; ` +
              `see ${cfg.logFile} and stop it (node tools/neo4j/neo4j.mjs stop)`,
          );
        }
      }

      // Nothing listens and nothing runs from this data dir: clean up leftovers of a crashed run and start.
      rmQuiet(cfg.pidFile);
      rmQuiet(cfg.readyFile);
      await buildIfNeeded({
        log: cfg.log,
        timeoutMs: Math.max(cfg.timeoutMs, 15 * 60 * 1000),
      });
      const java = findJava({ needJavac: false, env: cfg.env, log: cfg.log });

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
      const started = Date.now();
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

      const ready = await waitForReady(cfg, child.pid, () => exited, started);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      cfg.log(
        `ready: ${cfg.uri} user ${cfg.user} (${ready.version ?? 'Neo4j'}, pid ${child.pid}, started in ${secs} s)`,
      );
      return result({
        pid: child.pid,
        version: ready.version ?? null,
        reused: false,
        startMillis: Date.now() - started,
      });
    },
  );
}

/**
 * Stops the Neo4j started from the data dir of that port (pid file): SIGTERM,
 * which shuts the database down cleanly, then SIGKILL after the timeout.
 * Resolves also when nothing was running.
 * @returns {Promise<{stopped:boolean,pid:number|null,killed?:boolean}>}
 */
export async function stopNeo4j(options = {}) {
  const cfg = resolveConfig(options);
  const timeoutMs = options.stopTimeoutMs ?? 60_000;
  const pid = readPid(cfg.pidFile);
  if (!pid || !isAlive(pid)) {
    rmQuiet(cfg.pidFile);
    rmQuiet(cfg.readyFile);
    const probe = await boltCheck({
      host: cfg.host,
      port: cfg.port,
      user: cfg.user,
      password: cfg.password,
    });
    if (probe.status !== 'refused') {
      cfg.log(
        `not running from ${rel(cfg.dataDir)}; port ${cfg.port} is served by another process, left alone`,
      );
    } else {
      cfg.log(`not running (port ${cfg.port})`);
    }
    return { stopped: false, pid: null };
  }
  if (!isOurLauncher(pid)) {
    rmQuiet(cfg.pidFile);
    cfg.log(
      `pid ${pid} in ${rel(cfg.pidFile)} is not a Neo4j launcher (stale pid file removed); nothing stopped`,
    );
    return { stopped: false, pid: null };
  }
  cfg.log(`stopping Neo4j on port ${cfg.port} (pid ${pid})`);
  signal(pid, 'SIGTERM');
  let killed = false;
  if (!(await waitForExit(pid, timeoutMs))) {
    cfg.log(
      `pid ${pid} did not stop within ${Math.round(timeoutMs / 1000)} s; sending SIGKILL`,
    );
    signal(pid, 'SIGKILL');
    killed = true;
    await waitForExit(pid, 10_000);
    dropCdsRecording(pid); // it may have died while writing its class-data archive
  }
  rmQuiet(cfg.readyFile);
  if (readPid(cfg.pidFile) === pid) rmQuiet(cfg.pidFile);
  cfg.log(killed ? `killed (pid ${pid})` : `stopped (pid ${pid})`);
  return { stopped: true, pid, killed };
}

/**
 * @returns {Promise<{running:boolean,port:number,uri:string,pid:number|null,version:string|null,ours:boolean,status:string,message?:string}>}
 */
export async function neo4jStatus(options = {}) {
  const cfg = resolveConfig({ ...options, log: false });
  const pid = readPid(cfg.pidFile);
  const alive = pid && isAlive(pid) && isOurLauncher(pid) ? pid : null;
  const probe = await boltCheck({
    host: cfg.host,
    port: cfg.port,
    user: cfg.user,
    password: cfg.password,
  });
  return {
    running: probe.status === 'ok',
    port: cfg.port,
    uri: cfg.uri,
    pid: alive,
    version: probe.server ?? null,
    ours: Boolean(alive),
    status: probe.status,
    message: probe.message,
    dataDir: cfg.dataDir,
    logFile: cfg.logFile,
  };
}

/** Builds target/neo4j-launcher.jar (+ target/lib) when missing or older than pom.xml / the Java source. */
export async function buildIfNeeded({
  log = defaultLog,
  force = false,
  timeoutMs = 15 * 60 * 1000,
} = {}) {
  if (!force && !needsBuild()) return false;
  fs.mkdirSync(STATE_ROOT, { recursive: true });
  return withLock(
    path.join(STATE_ROOT, 'build.lock'),
    timeoutMs,
    'build of the Neo4j launcher',
    async () => {
      if (!force && !needsBuild()) return false; // built by someone else meanwhile
      const java = findJava({ needJavac: true, env: process.env, log });
      const mvn = findOnPath('mvn');
      if (!mvn) {
        throw new Error(
          'Maven (mvn) is not on PATH; it is needed once to build tools/neo4j (apt-get install maven)',
        );
      }
      const firstTime = !fs.existsSync(path.join(TARGET_DIR, 'lib'));
      log(
        `building the Neo4j launcher with Maven${firstTime ? ' (first build: downloads ~125 MB of Neo4j jars into ~/.m2 unless cached)' : ''}`,
      );
      const t0 = Date.now();
      const { code, output } = await run(
        mvn,
        ['-q', '-B', '-f', POM, 'package'],
        {
          cwd: TOOL_DIR,
          env: { ...process.env, JAVA_HOME: java.home },
          timeoutMs,
        },
      );
      if (code !== 0 || !fs.existsSync(JAR)) {
        throw new Error(
          `Maven build of tools/neo4j failed (exit ${code}):\n${tail(output, 60)}`,
        );
      }
      // Maven leaves the jar's mtime alone when nothing changed; mark it as fresh.
      const now = new Date();
      fs.utimesSync(JAR, now, now);
      // Class-data-sharing archives record the class path's jars: start afresh.
      fs.rmSync(CDS_DIR, { recursive: true, force: true });
      log(`built ${rel(JAR)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return true;
    },
  );
}

// ---------------------------------------------------------------------------
// readiness

async function waitForReady(
  cfg,
  pid,
  exitedFn,
  started,
  { adopted = false } = {},
) {
  const deadline = started + cfg.timeoutMs;
  let lastProbe = null;
  for (;;) {
    const exited = exitedFn ? exitedFn() : null;
    if (adopted && !isAlive(pid)) return null;
    if (exited || !isAlive(pid)) {
      rmQuiet(cfg.readyFile);
      if (readPid(cfg.pidFile) === pid) rmQuiet(cfg.pidFile);
      const how = exited?.error
        ? exited.error.message
        : exited
          ? `exit code ${exited.code}${exited.signal ? `, signal ${exited.signal}` : ''}`
          : 'process ended';
      throw new Error(
        `Neo4j launcher (pid ${pid}) stopped before it was ready (${how}). ` +
          `Log ${cfg.logFile}, last lines:\n${tailFile(cfg.logFile, 40)}`,
      );
    }
    const ready = readJson(cfg.readyFile);
    if (ready && ready.pid === pid) {
      // The launcher's own Java driver ran RETURN 1; confirm from this side too.
      lastProbe = await boltCheck({
        host: cfg.host,
        port: cfg.port,
        user: cfg.user,
        password: cfg.password,
      });
      if (lastProbe.status === 'ok') {
        return { version: lastProbe.server ?? ready.version ?? null, ready };
      }
    }
    if (Date.now() > deadline) {
      signal(pid, 'SIGTERM');
      await waitForExit(pid, 30_000);
      if (isAlive(pid)) {
        signal(pid, 'SIGKILL');
        await waitForExit(pid, 10_000);
        dropCdsRecording(pid);
      }
      throw new Error(
        `Neo4j on ${cfg.uri} was not ready within ${Math.round(cfg.timeoutMs / 1000)} s ` +
          `(stopped it; last Bolt check: ${lastProbe ? `${lastProbe.status} ${lastProbe.message ?? ''}` : 'not reached'}). ` +
          `Log ${cfg.logFile}, last lines:\n${tailFile(cfg.logFile, 40)}\n(Neo4j's own log: ${cfg.debugLog})`,
      );
    }
    await sleep(150);
  }
}

// ---------------------------------------------------------------------------
// A minimal Bolt client (handshake, HELLO/LOGON, RUN "RETURN 1", PULL), enough to
// prove that a Bolt client can log in and run a query, without npm packages.

/**
 * @returns {Promise<{status:'ok'|'refused'|'auth'|'not-bolt'|'error', message?:string, server?:string, bolt?:string}>}
 */
export function boltCheck({
  host = '127.0.0.1',
  port = DEFAULT_PORT,
  user = NEO4J_USER,
  password,
  timeoutMs = 10_000,
}) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port });
    let buf = Buffer.alloc(0);
    let waiter = null;
    let done = false;
    let connected = false;
    const finish = res => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(res);
    };
    const timer = setTimeout(
      () =>
        finish({
          status: connected ? 'error' : 'refused',
          message: `no answer within ${timeoutMs} ms`,
        }),
      timeoutMs,
    );
    socket.on('error', err => {
      if (
        !connected &&
        (err.code === 'ECONNREFUSED' || err.code === 'EADDRNOTAVAIL')
      ) {
        finish({ status: 'refused', message: err.message });
      } else {
        finish({
          status: connected ? 'error' : 'refused',
          message: err.message,
        });
      }
    });
    socket.on('close', () => {
      if (waiter) waiter.reject(new Error('connection closed by the server'));
    });
    socket.on('data', d => {
      buf = Buffer.concat([buf, d]);
      if (waiter) waiter.check();
    });
    const read = n =>
      new Promise((res, rej) => {
        waiter = {
          check() {
            if (buf.length >= n) {
              const out = buf.subarray(0, n);
              buf = buf.subarray(n);
              waiter = null;
              res(out);
            }
          },
          reject: rej,
        };
        waiter.check();
      });
    const readMessage = async () => {
      const parts = [];
      for (;;) {
        const size = (await read(2)).readUInt16BE(0);
        if (size === 0) {
          if (parts.length === 0) continue; // NOOP chunk (keep-alive)
          break;
        }
        parts.push(await read(size));
      }
      const msg = unpack(Buffer.concat(parts), { pos: 0 });
      return { sig: msg.sig, meta: msg.fields[0] };
    };
    const send = (sig, ...fields) =>
      socket.write(chunk(packValue({ $struct: sig, fields })));

    socket.on('connect', async () => {
      connected = true;
      try {
        // Magic, then up to four version proposals [0, range, minor, major]:
        // 5.8 down to 5.0, then 4.4 down to 4.2.
        socket.write(
          Buffer.from([
            0x60, 0x60, 0xb0, 0x17, 0, 8, 8, 5, 0, 2, 4, 4, 0, 0, 0, 0, 0, 0, 0,
            0,
          ]),
        );
        let v;
        const handshakeTimer = setTimeout(
          () =>
            finish({
              status: 'not-bolt',
              message: 'no Bolt handshake answer within 5 s',
            }),
          Math.min(5000, timeoutMs),
        );
        try {
          v = await read(4);
        } catch (e) {
          return finish({
            status: 'not-bolt',
            message: `no Bolt handshake answer (${e.message})`,
          });
        } finally {
          clearTimeout(handshakeTimer);
        }
        const major = v[3];
        const minor = v[2];
        if (v[0] !== 0 || v[1] !== 0 || (major !== 4 && major !== 5)) {
          return finish({
            status: 'not-bolt',
            message:
              major === 0 && minor === 0
                ? 'Bolt server supports none of the offered versions'
                : `unexpected handshake answer ${v.toString('hex')}`,
          });
        }
        const bolt = `${major}.${minor}`;
        const auth = {
          scheme: 'basic',
          principal: user,
          credentials: password,
        };
        const hello = { user_agent: 'sentry-graph-neo4j-mjs/1.0' };
        if (major === 5 && minor >= 3)
          hello.bolt_agent = { product: 'sentry-graph-neo4j-mjs/1.0' };
        const separateLogon = major === 5 && minor >= 1;
        send(0x01, separateLogon ? hello : { ...hello, ...auth });
        let r = await readMessage();
        if (r.sig !== 0x70) return finish(failure(r, bolt));
        const server = r.meta?.server;
        if (separateLogon) {
          send(0x6a, auth);
          r = await readMessage();
          if (r.sig !== 0x70) return finish(failure(r, bolt, server));
        }
        send(0x10, 'RETURN 1 AS one', {}, {});
        send(0x3f, { n: -1 });
        r = await readMessage();
        if (r.sig !== 0x70) return finish(failure(r, bolt, server));
        let value;
        for (;;) {
          r = await readMessage();
          if (r.sig === 0x71) {
            value = r.meta?.[0];
            continue;
          }
          break;
        }
        if (r.sig !== 0x70) return finish(failure(r, bolt, server));
        socket.write(chunk(packValue({ $struct: 0x02, fields: [] })));
        if (Number(value) !== 1) {
          return finish({
            status: 'error',
            message: `RETURN 1 returned ${String(value)}`,
            server,
            bolt,
          });
        }
        finish({ status: 'ok', server, bolt });
      } catch (e) {
        finish({ status: 'error', message: e.message });
      }
    });
  });
}

function failure(r, bolt, server) {
  if (r.sig === 0x7f) {
    const code = r.meta?.code ?? r.meta?.neo4j_code ?? '';
    const message = `${code}: ${r.meta?.message ?? ''}`;
    const isAuth =
      /Security\.(Unauthorized|AuthenticationRateLimit|CredentialsExpired)/.test(
        code,
      );
    return { status: isAuth ? 'auth' : 'error', message, bolt, server };
  }
  return {
    status: 'error',
    message: `unexpected Bolt message 0x${r.sig?.toString(16)}`,
    bolt,
    server,
  };
}

function chunk(payload) {
  const parts = [];
  for (let off = 0; off < payload.length; off += 0xffff) {
    const piece = payload.subarray(off, Math.min(off + 0xffff, payload.length));
    const head = Buffer.alloc(2);
    head.writeUInt16BE(piece.length, 0);
    parts.push(head, piece);
  }
  parts.push(Buffer.from([0, 0]));
  return Buffer.concat(parts);
}

function sizeHeader(n, tiny, m8, m16, m32) {
  if (n < 16 && tiny !== null) return Buffer.from([tiny | n]);
  if (n < 0x100 && m8 !== null) return Buffer.from([m8, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = m16;
    b.writeUInt16BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = m32;
  b.writeUInt32BE(n, 1);
  return b;
}

function packValue(v) {
  if (v === null || v === undefined) return Buffer.from([0xc0]);
  if (v === true) return Buffer.from([0xc3]);
  if (v === false) return Buffer.from([0xc2]);
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (v >= -16 && v < 128) return Buffer.from([v & 0xff]);
    if (v >= -128 && v < 128) return Buffer.from([0xc8, v & 0xff]);
    if (v >= -32768 && v < 32768) {
      const b = Buffer.alloc(3);
      b[0] = 0xc9;
      b.writeInt16BE(v, 1);
      return b;
    }
    if (v >= -2147483648 && v < 2147483648) {
      const b = Buffer.alloc(5);
      b[0] = 0xca;
      b.writeInt32BE(v, 1);
      return b;
    }
    const b = Buffer.alloc(9);
    b[0] = 0xcb;
    b.writeBigInt64BE(BigInt(v), 1);
    return b;
  }
  if (typeof v === 'number') {
    const b = Buffer.alloc(9);
    b[0] = 0xc1;
    b.writeDoubleBE(v, 1);
    return b;
  }
  if (typeof v === 'string') {
    const s = Buffer.from(v, 'utf8');
    return Buffer.concat([sizeHeader(s.length, 0x80, 0xd0, 0xd1, 0xd2), s]);
  }
  if (Array.isArray(v)) {
    return Buffer.concat([
      sizeHeader(v.length, 0x90, 0xd4, 0xd5, 0xd6),
      ...v.map(packValue),
    ]);
  }
  if (typeof v === 'object' && v.$struct !== undefined) {
    return Buffer.concat([
      Buffer.from([0xb0 | v.fields.length, v.$struct]),
      ...v.fields.map(packValue),
    ]);
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return Buffer.concat([
      sizeHeader(entries.length, 0xa0, 0xd8, 0xd9, 0xda),
      ...entries.flatMap(([k, x]) => [packValue(k), packValue(x)]),
    ]);
  }
  throw new Error(`cannot pack ${typeof v}`);
}

function unpack(b, st) {
  const m = b[st.pos++];
  const u8 = () => b[st.pos++];
  const u16 = () => {
    const x = b.readUInt16BE(st.pos);
    st.pos += 2;
    return x;
  };
  const u32 = () => {
    const x = b.readUInt32BE(st.pos);
    st.pos += 4;
    return x;
  };
  const str = n => {
    const s = b.toString('utf8', st.pos, st.pos + n);
    st.pos += n;
    return s;
  };
  const list = n => Array.from({ length: n }, () => unpack(b, st));
  const map = n => {
    const o = {};
    for (let i = 0; i < n; i++) {
      const k = unpack(b, st);
      o[k] = unpack(b, st);
    }
    return o;
  };
  const struct = n => {
    const sig = u8();
    return { sig, fields: list(n) };
  };
  if (m < 0x80) return m;
  if (m >= 0xf0) return m - 0x100;
  const hi = m & 0xf0;
  if (hi === 0x80) return str(m & 0x0f);
  if (hi === 0x90) return list(m & 0x0f);
  if (hi === 0xa0) return map(m & 0x0f);
  if (hi === 0xb0) return struct(m & 0x0f);
  switch (m) {
    case 0xc0:
      return null;
    case 0xc1: {
      const x = b.readDoubleBE(st.pos);
      st.pos += 8;
      return x;
    }
    case 0xc2:
      return false;
    case 0xc3:
      return true;
    case 0xc8: {
      const x = b.readInt8(st.pos);
      st.pos += 1;
      return x;
    }
    case 0xc9: {
      const x = b.readInt16BE(st.pos);
      st.pos += 2;
      return x;
    }
    case 0xca: {
      const x = b.readInt32BE(st.pos);
      st.pos += 4;
      return x;
    }
    case 0xcb: {
      const x = b.readBigInt64BE(st.pos);
      st.pos += 8;
      return Number(x);
    }
    case 0xcc:
    case 0xcd:
    case 0xce: {
      const n = m === 0xcc ? u8() : m === 0xcd ? u16() : u32();
      const x = Buffer.from(b.subarray(st.pos, st.pos + n));
      st.pos += n;
      return x;
    }
    case 0xd0:
      return str(u8());
    case 0xd1:
      return str(u16());
    case 0xd2:
      return str(u32());
    case 0xd4:
      return list(u8());
    case 0xd5:
      return list(u16());
    case 0xd6:
      return list(u32());
    case 0xd8:
      return map(u8());
    case 0xd9:
      return map(u16());
    case 0xda:
      return map(u32());
    default:
      throw new Error(`unknown PackStream marker 0x${m.toString(16)}`);
  }
}

// ---------------------------------------------------------------------------
// Java, Maven, build freshness

/**
 * Picks a JDK that Neo4j 5.26 supports (17 or 21): NEO4J_JAVA_HOME, JAVA_HOME,
 * /usr/lib/jvm/java-17-openjdk-*, /usr/lib/jvm/java-21-openjdk-*, other JDKs in
 * /usr/lib/jvm, then `java` on PATH. Anything else (e.g. Java 25) is skipped.
 */
export function findJava({
  needJavac = false,
  env = process.env,
  log = defaultLog,
} = {}) {
  const tried = [];
  const candidates = [];
  if (env.NEO4J_JAVA_HOME)
    candidates.push({ home: env.NEO4J_JAVA_HOME, from: 'NEO4J_JAVA_HOME' });
  if (env.JAVA_HOME)
    candidates.push({ home: env.JAVA_HOME, from: 'JAVA_HOME' });
  const jvmDir = '/usr/lib/jvm';
  let jvms = [];
  try {
    jvms = fs.readdirSync(jvmDir).sort();
  } catch {
    // not Debian-like
  }
  for (const want of SUPPORTED_JAVA) {
    for (const name of jvms) {
      if (new RegExp(`(^|-)${want}(-|\\.|$)`).test(name))
        candidates.push({ home: path.join(jvmDir, name), from: jvmDir });
    }
  }
  const onPath = findOnPath('java');
  if (onPath) {
    const real = fs.realpathSync(onPath);
    candidates.push({
      home: path.resolve(path.dirname(real), '..'),
      from: 'PATH',
    });
  }
  const seen = new Set();
  for (const c of candidates) {
    let home = path.resolve(c.home);
    try {
      home = fs.realpathSync(home);
    } catch {
      // missing: reported below
    }
    if (seen.has(home)) continue;
    seen.add(home);
    const bin = path.join(home, 'bin', 'java');
    if (!isExecutable(bin)) {
      tried.push(`${home} (${c.from}): no bin/java`);
      if (c.from === 'JAVA_HOME' || c.from === 'NEO4J_JAVA_HOME') {
        log(`${c.from}=${c.home} has no bin/java; looking for another JDK`);
      }
      continue;
    }
    if (needJavac && !isExecutable(path.join(home, 'bin', 'javac'))) {
      tried.push(`${home} (${c.from}): no javac (a JDK is needed to build)`);
      continue;
    }
    const major = javaMajor(home, bin);
    if (!SUPPORTED_JAVA.includes(major)) {
      tried.push(`${home} (${c.from}): Java ${major ?? '?'}`);
      if (c.from === 'JAVA_HOME' || c.from === 'NEO4J_JAVA_HOME') {
        log(
          `${c.from}=${c.home} is Java ${major ?? '?'}; Neo4j 5.26 needs Java 17 or 21, looking for another JDK`,
        );
      }
      continue;
    }
    return { home, bin, major };
  }
  throw new Error(
    `no Java 17 or 21 found for Neo4j 5.26 (set NEO4J_JAVA_HOME or JAVA_HOME to one). Tried:\n  ${tried.join('\n  ') || '(none)'}`,
  );
}

function javaMajor(home, bin) {
  try {
    const m = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(
      fs.readFileSync(path.join(home, 'release'), 'utf8'),
    );
    if (m) return Number(m[1]) === 1 ? Number(m[2]) : Number(m[1]);
  } catch {
    // no release file: ask the JVM
  }
  const r = spawnSync(bin, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return null;
  return Number(m[1]) === 1 ? Number(m[2]) : Number(m[1]);
}

/**
 * Application class-data sharing (JDK CDS): the first server started after a build
 * records the classes it loaded into an archive when it exits (stop); later starts
 * map that archive and need about half the CPU to get ready (~4 s instead of ~9 s
 * on 2 cores). The archive is specific to the JDK and to the built jars, lives in
 * target/cds/ and is dropped on rebuild. A stale or broken archive is ignored by
 * the JVM. NEO4J_CDS=0 turns it off.
 */
function classDataSharing(java, env) {
  const none = { args: [], started() {} };
  if (env.NEO4J_CDS === '0' || env.NEO4J_CDS === 'false') return none;
  try {
    fs.mkdirSync(CDS_DIR, { recursive: true });
    // Tied to this JDK and this build of the jars (a server of an older build may
    // still be running and write its archive when it stops: that one must not count).
    const jvmBin = fs.realpathSync(java.bin);
    const jar = fs.statSync(JAR);
    const id = crypto
      .createHash('sha256')
      .update(
        `${jvmBin}|${fs.statSync(jvmBin).mtimeMs}|${jar.mtimeMs}|${jar.size}`,
      )
      .digest('hex')
      .slice(0, 12);
    const base = `launcher-java${java.major}-${id}`;
    const archive = path.join(CDS_DIR, `${base}.jsa`);
    // Adopt archives written by servers that have exited since; drop other builds' ones.
    for (const f of fs.readdirSync(CDS_DIR)) {
      const m = /^(.*)\.tmp-([0-9a-f]+)\.pid$/.exec(f);
      if (!m) {
        if (
          f.endsWith('.jsa') &&
          !f.startsWith(`${base}.`) &&
          !f.includes('.tmp-')
        )
          rmQuiet(path.join(CDS_DIR, f));
        continue;
      }
      const pid = readPid(path.join(CDS_DIR, f));
      if (pid && isAlive(pid)) continue;
      if (m[1] !== base) {
        rmQuiet(path.join(CDS_DIR, `${m[1]}.tmp-${m[2]}.jsa`));
        rmQuiet(path.join(CDS_DIR, f));
        continue;
      }
      const tmp = path.join(CDS_DIR, `${base}.tmp-${m[2]}.jsa`);
      if (
        !fs.existsSync(archive) &&
        fs.existsSync(tmp) &&
        fs.statSync(tmp).size > 0
      ) {
        fs.renameSync(tmp, archive);
      } else {
        rmQuiet(tmp);
      }
      rmQuiet(path.join(CDS_DIR, f));
    }
    const quiet = '-Xlog:cds*=off';
    if (fs.existsSync(archive)) {
      return {
        args: [`-XX:SharedArchiveFile=${archive}`, quiet],
        started() {},
      };
    }
    const token = crypto.randomBytes(4).toString('hex');
    const tmp = path.join(CDS_DIR, `${base}.tmp-${token}.jsa`);
    return {
      args: [`-XX:ArchiveClassesAtExit=${tmp}`, quiet],
      started(pid) {
        fs.writeFileSync(
          path.join(CDS_DIR, `${base}.tmp-${token}.pid`),
          `${pid}\n`,
        );
      },
    };
  } catch {
    return none;
  }
}

function dropCdsRecording(pid) {
  try {
    for (const f of fs.readdirSync(CDS_DIR)) {
      if (f.endsWith('.pid') && readPid(path.join(CDS_DIR, f)) === pid) {
        rmQuiet(path.join(CDS_DIR, f.replace(/\.pid$/, '.jsa')));
        rmQuiet(path.join(CDS_DIR, f));
      }
    }
  } catch {
    // no CDS dir
  }
}

function needsBuild() {
  let jarTime;
  try {
    jarTime = fs.statSync(JAR).mtimeMs;
    if (!fs.existsSync(path.join(TARGET_DIR, 'lib'))) return true;
  } catch {
    return true;
  }
  const newest = Math.max(
    fs.statSync(POM).mtimeMs,
    ...listFiles(SRC_DIR).map(f => fs.statSync(f).mtimeMs),
  );
  return newest > jarTime;
}

function listFiles(dir) {
  let out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(listFiles(p));
    else out.push(p);
  }
  return out;
}

function findOnPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    if (isExecutable(p)) return p;
  }
  return null;
}

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function run(cmd, args, { cwd, env, timeoutMs }) {
  return new Promise(resolve => {
    const child = spawn(cmd, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = d => {
      output += d.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      output += `\n(timed out after ${Math.round(timeoutMs / 1000)} s)`;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', e => {
      clearTimeout(timer);
      resolve({ code: -1, output: `${output}\n${e.message}` });
    });
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// ---------------------------------------------------------------------------
// processes, files, locks

function readPid(file) {
  try {
    const n = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code !== 'EPERM') return false;
  }
  try {
    // A zombie (exited, not yet reaped) still answers kill(0).
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return process.platform !== 'linux';
  }
}

function isOurLauncher(pid) {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .includes(MAIN_CLASS_MARK);
  } catch {
    // No /proc (not Linux): trust the pid file.
    return process.platform !== 'linux' && isAlive(pid);
  }
}

/** The --port a running launcher was started with (from /proc), or null. */
function launcherPort(pid) {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const i = args.indexOf('--port');
    return i >= 0 ? Number(args[i + 1]) : null;
  } catch {
    return null;
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

async function withLock(file, timeoutMs, what, fn) {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const holder = readPid(file);
      if (!holder || (holder !== process.pid && !isAlive(holder))) {
        // Stale (its holder died); a lock file being written right now has no pid yet.
        if (!holder) await sleep(50);
        if (!readPid(file) || !isAlive(readPid(file))) rmQuiet(file);
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for the ${what} (lock ${file} held by pid ${holder})`,
        );
      }
      if (!announced && holder !== process.pid) {
        defaultLog(`waiting for the ${what} by pid ${holder}`);
        announced = true;
      }
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    if (readPid(file) === process.pid) rmQuiet(file);
  }
}

function rotateLog(file) {
  try {
    if (fs.statSync(file).size > 20 * 1024 * 1024)
      fs.renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function rmQuiet(file) {
  try {
    fs.unlinkSync(file);
  } catch {
    // not there
  }
}

function tail(text, n) {
  return text.split('\n').slice(-n).join('\n');
}

function tailFile(file, n) {
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r');
    const len = Math.min(size, 64 * 1024);
    const b = Buffer.alloc(len);
    fs.readSync(fd, b, 0, len, size - len);
    fs.closeSync(fd);
    let text = b.toString('utf8').trimEnd();
    const mark = text.lastIndexOf('\n=== neo4j.mjs start ');
    if (mark >= 0) text = text.slice(mark + 1); // only the latest run
    return tail(text, n)
      .split('\n')
      .map(l => `  | ${l}`)
      .join('\n');
  } catch {
    return '  (no log file)';
  }
}

function rel(p) {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

function sizeBytes(s) {
  const m = /^(\d+(?:\.\d+)?)([kmgt]?)b?$/i.exec(String(s).trim());
  if (!m) throw new Error(`not a size: '${s}' (use e.g. 512m or 2g)`);
  return Number(m[1]) * 1024 ** ' kmgt'.indexOf(m[2].toLowerCase() || ' ');
}

function sleep(ms) {
  return new Promise(r => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------
// command line

async function main(argv) {
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
