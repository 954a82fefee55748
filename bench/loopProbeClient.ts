/*
 * The benchmark's side of loopProbe.ts: windows of a watched process's
 * event-loop delay, asked for over its IPC channel.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { LoopDelayFigures } from './loopDelay';

export type ProbeRequest = { probe: 'reset' } | { probe: 'read' };
export interface ProbeReading {
  probe: 'reading';
  delayMs: LoopDelayFigures;
  peakRssMb: number;
  /** The window's length, and its longest stalls over 100 ms: when in it, how long. */
  windowMs: number;
  stalls: Array<{ atMs: number; ms: number }>;
}

export interface WatchedProcess {
  /** Starts a new window of delay figures. */
  reset(): void;
  /** The delay since the last reset, and the process's peak RSS so far. */
  read(): Promise<Omit<ProbeReading, 'probe'>>;
}

export function watchedProcess(child: ChildProcess): WatchedProcess {
  const send = (request: ProbeRequest) => child.send(request);
  return {
    reset: () => send({ probe: 'reset' }),
    read: () =>
      new Promise((resolve, reject) => {
        const onMessage = (message: ProbeReading) => {
          if (message?.probe !== 'reading') return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          const { probe: _probe, ...reading } = message;
          resolve(reading);
        };
        const onExit = () =>
          reject(new Error('the watched process exited before answering'));
        child.on('message', onMessage);
        child.once('exit', onExit);
        send({ probe: 'read' });
      }),
  };
}

/** The idle canary (idleCanary.ts, compiled), started and watched; `stop` ends it. */
export function startIdleCanary(
  script: string,
): WatchedProcess & { stop(): void } {
  const child = spawn(process.execPath, [script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return { ...watchedProcess(child), stop: () => child.kill('SIGTERM') };
}
