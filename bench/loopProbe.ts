/*
 * Loaded first (node --import) into a process the benchmark watches: the
 * dev backend, or the idle canary. It watches this process's event loop
 * and answers the benchmark over the IPC channel: "reset" starts a new
 * window, "read" sends the window's delay and the process's peak RSS.
 */
import { loopDelayFigures, watchEventLoop } from './loopDelay';
import type { ProbeReading, ProbeRequest } from './loopProbeClient';

const loop = watchEventLoop();

/**
 * Where in the window the loop stalled longest: a timer that should fire
 * every TICK_MS notes each time it fired more than STALL_MS late, so that
 * a long maximum can be placed (the worker's start, its result, a poll).
 */
const TICK_MS = 20;
const STALL_MS = 100;
let windowStart = performance.now();
let lastTick = windowStart;
let stalls: Array<{ atMs: number; ms: number }> = [];
setInterval(() => {
  const now = performance.now();
  const late = now - lastTick - TICK_MS;
  if (late > STALL_MS)
    stalls.push({
      atMs: Math.round(lastTick - windowStart),
      ms: Math.round(late),
    });
  lastTick = now;
}, TICK_MS).unref();

process.on('message', (request: ProbeRequest) => {
  if (request.probe === 'reset') {
    loop.reset();
    windowStart = performance.now();
    stalls = [];
    return;
  }
  if (request.probe !== 'read') return;
  const reading: ProbeReading = {
    probe: 'reading',
    delayMs: loopDelayFigures(loop),
    // The process's peak since it started, the worker threads' memory
    // included (resourceUsage reports kilobytes on Linux).
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    windowMs: Math.round(performance.now() - windowStart),
    stalls: [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 3),
  };
  process.send?.(reading);
});
