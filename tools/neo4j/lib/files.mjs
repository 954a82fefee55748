// Files and small helpers: the start lock, logs, sizes.
import fs from 'node:fs';
import path from 'node:path';
import { defaultLog } from './config.mjs';
import { isAlive, readPid } from './processes.mjs';

export async function withLock(file, timeoutMs, what, fn) {
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

export function rotateLog(file) {
  try {
    if (fs.statSync(file).size > 20 * 1024 * 1024)
      fs.renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function rmQuiet(file) {
  try {
    fs.unlinkSync(file);
  } catch {
    // not there
  }
}

export function tail(text, n) {
  return text.split('\n').slice(-n).join('\n');
}

export function tailFile(file, n) {
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

export function rel(p) {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith('..') ? r : p;
}

export function sizeBytes(s) {
  const m = /^(\d+(?:\.\d+)?)([kmgt]?)b?$/i.exec(String(s).trim());
  if (!m) throw new Error(`not a size: '${s}' (use e.g. 512m or 2g)`);
  return Number(m[1]) * 1024 ** ' kmgt'.indexOf(m[2].toLowerCase() || ' ');
}

export function sleep(ms) {
  return new Promise(r => setTimeout(r, ms));
}
