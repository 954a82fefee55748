/*
 * Loaded first (node --import) into a process the benchmark watches: the
 * dev backend, or the idle canary. It watches this process's event loop
 * and answers the benchmark over the IPC channel: "reset" starts a new
 * window, "read" sends the window's delay and the process's peak RSS.
 */
import { loopDelayFigures, watchEventLoop } from './loopDelay';
import type { ProbeReading, ProbeRequest } from './loopProbeClient';

const loop = watchEventLoop();

process.on('message', (request: ProbeRequest) => {
  if (request.probe === 'reset') {
    loop.reset();
    return;
  }
  if (request.probe !== 'read') return;
  const reading: ProbeReading = {
    probe: 'reading',
    delayMs: loopDelayFigures(loop),
    // The process's peak since it started, the worker threads' memory
    // included (resourceUsage reports kilobytes on Linux).
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.send?.(reading);
});
