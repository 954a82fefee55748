/*
 * The child processes of the install test: each in a process group of its
 * own (so stopping one stops what it started, e.g. yarn's node), its output
 * in a log file under .cache/install-test/logs/ and kept in memory for the
 * checks. Every group still running when the test ends is stopped, also on
 * a failure, an exception or Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { LOGS } from './settings';
import { sleep } from './wait';

export interface Started {
  name: string;
  child: ChildProcess;
  logFile: string;
  stdout(): string;
  stderr(): string;
  /** Resolves once the process exited and its output is read: its exit code, or the signal's name. */
  closed: Promise<number | string>;
  /** Whether it has exited. */
  done(): boolean;
}

const running = new Set<Started>();

export interface StartOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export function start(
  name: string,
  command: string,
  args: string[],
  options: StartOptions,
): Started {
  fs.mkdirSync(LOGS, { recursive: true });
  const logFile = path.join(LOGS, `${name}.log`);
  const log = fs.createWriteStream(logFile);
  log.write(`$ ${[command, ...args].join(' ')}\n  (in ${options.cwd})\n`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    stdout += chunk;
    log.write(chunk);
  });
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
    log.write(chunk);
  });
  const started: Started = {
    name,
    child,
    logFile,
    stdout: () => stdout,
    stderr: () => stderr,
    done: () => exited,
    closed: new Promise(resolve => {
      child.once('error', error => {
        exited = true;
        log.end(`\n${error.message}\n`);
        resolve(`spawn error: ${error.message}`);
      });
      child.once('close', (code, signal) => {
        exited = true;
        log.end();
        resolve(code ?? signal ?? 'unknown');
      });
    }),
  };
  running.add(started);
  // Forgotten only once its whole group is gone (see stop()).
  return started;
}

/** The last lines of a process's output, for a failure message. */
export function tail(p: Started, lines = 30): string {
  const text = fs.existsSync(p.logFile)
    ? fs.readFileSync(p.logFile, 'utf8')
    : p.stdout() + p.stderr();
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Runs a command to its end; fails with the end of its log when it exits other than 0 or outlasts `timeoutMs`. */
export async function run(
  name: string,
  command: string,
  args: string[],
  options: StartOptions & { timeoutMs: number },
): Promise<Started> {
  const p = start(name, command, args, options);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>(resolve => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  const outcome = await Promise.race([p.closed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    await stop(p);
    throw new Error(
      `${name} did not finish within ${options.timeoutMs / 1000} s; the end of ${path.relative(process.cwd(), p.logFile)}:\n${tail(p)}`,
    );
  }
  await stop(p); // anything it left running in its group
  if (outcome !== 0) {
    throw new Error(
      `${name} failed (exit ${outcome}); the end of ${path.relative(process.cwd(), p.logFile)}:\n${tail(p)}`,
    );
  }
  return p;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

/** Stops a process and everything in its group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(p: Started, graceMs = 10_000): Promise<void> {
  const pid = p.child.pid;
  if (pid !== undefined && groupAlive(pid)) {
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(200);
    if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  }
  if (!p.done()) await Promise.race([p.closed, sleep(5_000)]);
  running.delete(p);
}

/** Stops every process group this test started that still runs. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(p => stop(p)));
}

/** The last resort, from an 'exit' handler (which cannot wait): SIGKILL every group still running. */
export function killAllNow(): void {
  for (const p of running) {
    if (p.child.pid !== undefined) signalGroup(p.child.pid, 'SIGKILL');
  }
  running.clear();
}
