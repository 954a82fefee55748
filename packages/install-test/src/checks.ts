/*
 * The sub-steps as checks: each one timed and printed, skipped when a step
 * it needs did not pass, and written as a Jest-like report
 * (.cache/install-results.json) that scripts/testSummary.mjs counts the way
 * it counts Jest's: numPassedTests, numFailedTests, numPendingTests, and one
 * assertion result per check under testResults[0].assertionResults.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_FILE, seconds } from './settings';

export type Status = 'passed' | 'failed' | 'pending';

/** How a check's status shows in the step's output. */
export const STATUS_MARK: Record<Status, string> = {
  passed: '✔',
  failed: '✘',
  pending: '-',
};

export interface CheckResult {
  id: string;
  title: string;
  status: Status;
  /** Milliseconds; 0 for a skipped check. */
  duration: number;
  failureMessages: string[];
  /** What the check found besides passing: versions, notes. */
  details: string[];
}

const log = (line: string) => process.stdout.write(`[install-test] ${line}\n`);

export class Checks {
  readonly results: CheckResult[] = [];
  readonly startTime = Date.now();
  /** Facts for the report beside the checks (the app's versions, what was pinned). */
  readonly facts: Record<string, unknown> = {};

  passed(id: string): boolean {
    return this.results.some(r => r.id === id && r.status === 'passed');
  }

  /**
   * Runs one check unless a check it `needs` did not pass. `fn` may return
   * lines of details, printed under the check and kept in the report.
   */
  async run(
    id: string,
    title: string,
    needs: string[],
    fn: () => Promise<string[] | void>,
  ): Promise<boolean> {
    const blocked = needs.filter(need => !this.passed(need));
    if (blocked.length > 0) {
      this.add({
        id,
        title,
        status: 'pending',
        duration: 0,
        failureMessages: [],
        details: [`skipped: needs ${blocked.join(', ')}`],
      });
      log(`- ${title}: skipped (needs ${blocked.join(', ')})`);
      return false;
    }
    log(`${title} ...`);
    const started = Date.now();
    try {
      const details = (await fn()) ?? [];
      const duration = Date.now() - started;
      this.add({
        id,
        title,
        status: 'passed',
        duration,
        failureMessages: [],
        details,
      });
      log(`✔ ${title}: ${seconds(duration)}`);
      for (const line of details) log(`    ${line}`);
      return true;
    } catch (error) {
      const duration = Date.now() - started;
      const message = error instanceof Error ? error.message : String(error);
      this.add({
        id,
        title,
        status: 'failed',
        duration,
        failureMessages: [message],
        details: [],
      });
      log(`✘ ${title}: failed after ${seconds(duration)}`);
      process.stdout.write(`${message.replace(/^/gm, '    ')}\n`);
      return false;
    }
  }

  /** A check run elsewhere (the browser checks: Playwright's report), or a whole check skipped. */
  add(result: CheckResult): void {
    this.results.push(result);
    this.write();
  }

  /** Writes the report; called after every check, so an interrupted run still leaves one. */
  write(): void {
    const count = (status: Status) =>
      this.results.filter(r => r.status === status).length;
    const report = {
      numTotalTests: this.results.length,
      numPassedTests: count('passed'),
      numFailedTests: count('failed'),
      numPendingTests: count('pending'),
      success: count('failed') === 0,
      startTime: this.startTime,
      testResults: [
        {
          name: 'packages/install-test',
          status: count('failed') === 0 ? 'passed' : 'failed',
          startTime: this.startTime,
          endTime: Date.now(),
          assertionResults: this.results.map(r => ({
            ancestorTitles: ['proven in a fresh app'],
            title: r.title,
            fullName: `proven in a fresh app ${r.title}`,
            status: r.status,
            duration: r.duration,
            failureMessages: r.failureMessages,
            details: r.details,
          })),
        },
      ],
      facts: this.facts,
    };
    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  }

  summary(): string {
    const count = (status: Status) =>
      this.results.filter(r => r.status === status).length;
    const lines = this.results.map(
      r =>
        `  ${STATUS_MARK[r.status]} ${r.title.padEnd(62)} ${r.status === 'pending' ? 'skipped' : seconds(r.duration)}`,
    );
    return [
      ...lines,
      `${count('passed')} passed, ${count('failed')} failed, ${count('pending')} skipped in ${seconds(Date.now() - this.startTime)}`,
    ].join('\n');
  }
}
