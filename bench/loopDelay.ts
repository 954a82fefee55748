/*
 * Event-loop delay as the benchmark reports it: Node's histogram samples a
 * 10 ms timer, and records the whole interval between its ticks, so a free
 * loop reads about 10 ms. The figures here are the delay above that
 * resolution: what a request arriving at that moment waited.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export const LOOP_RESOLUTION_MS = 10;

export interface LoopDelayFigures {
  p50: number;
  p99: number;
  max: number;
}

export function watchEventLoop(): IntervalHistogram {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  return loop;
}

/** Tenths of a millisecond are as fine as a 10 ms sampling resolves. */
function aboveResolutionMs(nanos: number): number {
  return Math.max(
    0,
    Math.round(nanos / 100_000 - LOOP_RESOLUTION_MS * 10) / 10,
  );
}

export function loopDelayFigures(loop: IntervalHistogram): LoopDelayFigures {
  return {
    p50: aboveResolutionMs(loop.percentile(50)),
    p99: aboveResolutionMs(loop.percentile(99)),
    max: aboveResolutionMs(loop.max),
  };
}

export const formatLoopDelay = (figures: LoopDelayFigures) =>
  `p50 ${figures.p50} / p99 ${figures.p99} / max ${figures.max} ms`;
