// Launcher processes: pid files, liveness, signals.
import fs from 'node:fs';
import { sleep } from './files.mjs';
import { MAIN_CLASS_MARK } from './paths.mjs';

export function readPid(file) {
  try {
    const n = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function isAlive(pid) {
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

export function isOurLauncher(pid) {
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
export function launcherPort(pid) {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const i = args.indexOf('--port');
    return i >= 0 ? Number(args[i + 1]) : null;
  } catch {
    return null;
  }
}

export function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

export async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}
