// Finding a JDK that Neo4j 5.26 supports, and programs on PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defaultLog } from './config.mjs';

/** Neo4j 5.26 runs on these Java versions only. */
const SUPPORTED_JAVA = [17, 21];

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

export function findOnPath(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    if (isExecutable(p)) return p;
  }
  return null;
}

export function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
