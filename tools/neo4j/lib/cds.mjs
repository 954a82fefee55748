// Class-data sharing: a faster start for every server after the first.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rmQuiet } from './files.mjs';
import { CDS_DIR, JAR } from './paths.mjs';
import { isAlive, readPid } from './processes.mjs';

/**
 * Application class-data sharing (JDK CDS): the first server started after a build
 * records the classes it loaded into an archive when it exits (stop); later starts
 * map that archive and need about half the CPU to get ready (~4 s instead of ~9 s
 * on 2 cores). The archive is specific to the JDK and to the built jars, lives in
 * target/cds/ and is dropped on rebuild. A stale or broken archive is ignored by
 * the JVM. NEO4J_CDS=0 turns it off.
 */
export function classDataSharing(java, env) {
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

export function dropCdsRecording(pid) {
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
