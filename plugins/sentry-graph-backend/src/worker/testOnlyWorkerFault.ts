/*
 * A fault the tests make the sync's worker commit, to prove what the
 * plugin does when its worker breaks. Only code can set it (a test, in the
 * test's own process): no config key, environment variable or request
 * reaches it.
 */

export type TestOnlyWorkerFault =
  /** An uncaught error inside the worker at the run's first page: a crash. */
  | 'throw-at-first-page'
  /** The worker's thread busy for good at the run's first page: deaf to an abort. */
  | 'spin-at-first-page';

let current: TestOnlyWorkerFault | undefined;

/** Every run started after this commits `fault`, until it is set to undefined. */
export function setTestOnlyWorkerFault(
  fault: TestOnlyWorkerFault | undefined,
): void {
  current = fault;
}

export function testOnlyWorkerFault(): TestOnlyWorkerFault | undefined {
  return current;
}
