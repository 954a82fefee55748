// Building the Java launcher with Maven, when it is missing or out of date.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defaultLog } from './config.mjs';
import { rel, tail, withLock } from './files.mjs';
import { findJava, findOnPath } from './java.mjs';
import {
  CDS_DIR,
  JAR,
  POM,
  SRC_DIR,
  STATE_ROOT,
  TARGET_DIR,
  TOOL_DIR,
} from './paths.mjs';

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
