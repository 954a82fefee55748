import { SentryAbortError } from './errors';

/** The error every cancelled wait or request rejects with. */
export function abortErrorFor(signal: AbortSignal): SentryAbortError {
  return new SentryAbortError('The Sentry request was aborted', signal.reason);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw abortErrorFor(signal);
  }
}

/**
 * Calls `onAbort` once if the signal aborts; returns the function that stops
 * listening (waits that end normally must not leave listeners behind on a
 * signal that lives for a whole sync run).
 */
export function listenForAbort(
  signal: AbortSignal | undefined,
  onAbort: (error: SentryAbortError) => void,
): () => void {
  if (!signal) return () => {};
  const listener = () => onAbort(abortErrorFor(signal));
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

/**
 * Waits `ms`, rejecting as soon as the signal aborts: backoff sleeps and
 * rate-limit waits can be long, and a cancelled sync must stop promptly.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortErrorFor(signal));
      return;
    }
    let stopListening = () => {};
    const timer = setTimeout(
      () => {
        stopListening();
        resolve();
      },
      Math.max(0, ms),
    );
    stopListening = listenForAbort(signal, error => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
