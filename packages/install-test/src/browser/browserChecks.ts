/*
 * The browser checks, the step's last: run.ts calls them after the running
 * app's, and they are skipped unless the build and the sync passed. This
 * file lives beside the spec it runs but is not one: Playwright loads only
 * *.spec.ts here (playwright.config.ts); this side runs in run.ts's process.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TOKEN_VARIABLE } from '../app';
import type {
  JSONReport,
  JSONReportSuite,
  JSONReportTest,
} from '@playwright/test/reporter';
import { STATUS_MARK, type Status } from '../checks';
import { run } from '../processes';
import type { RunState } from '../runState';
import {
  BROWSER_RESULTS_FILE,
  EXAMPLE_COMPONENT,
  ROOT,
  SCREENSHOT_DIR,
  seconds,
} from '../settings';

/** The Playwright spec (src/browser/installed.spec.ts); each of its tests is one check. */
export async function browserChecks(state: RunState): Promise<void> {
  const { checks, settings, sync, token } = state;
  const titles = [
    "the app's /sentry-graph page shows the sync's counts",
    `${EXAMPLE_COMPONENT}'s entity page shows the Sentry project card`,
  ];
  const blocked = ['build', 'sync'].filter(id => !checks.passed(id));
  if (blocked.length > 0 || !settings || !sync) {
    for (const title of titles)
      checks.add({
        id: 'browser',
        title: `browser: ${title}`,
        status: 'pending',
        duration: 0,
        failureMessages: [],
        details: [`skipped: needs ${blocked.join(', ')}`],
      });
    process.stdout.write(
      `[install-test] - browser checks: skipped (needs ${blocked.join(', ')})\n`,
    );
    return;
  }
  const chromium =
    process.env.CHROMIUM_PATH ||
    execFileSync('bash', [path.join(ROOT, 'scripts/chromium.sh')], {
      encoding: 'utf8',
    }).trim();
  fs.rmSync(BROWSER_RESULTS_FILE, { force: true });
  const started = Date.now();
  process.stdout.write(
    '[install-test] browser checks (Playwright, Chromium) ...\n',
  );
  let runError: unknown;
  try {
    await run(
      'playwright',
      path.join(ROOT, 'node_modules/.bin/playwright'),
      ['test', '-c', 'packages/install-test/playwright.config.ts'],
      {
        cwd: ROOT,
        timeoutMs: 10 * 60_000,
        env: {
          ...process.env,
          CI: 'true',
          CHROMIUM_PATH: chromium,
          INSTALL_TEST_APP_URL: `http://127.0.0.1:${settings.backendPort}`,
          INSTALL_TEST_RUN_ID: sync.run.id,
          INSTALL_TEST_COMPONENT: EXAMPLE_COMPONENT,
          INSTALL_TEST_PROJECT: settings.projectRef,
          INSTALL_TEST_SCREENSHOT: path.join(SCREENSHOT_DIR, 'installed.png'),
          [TOKEN_VARIABLE]: token,
        },
      },
    );
  } catch (error) {
    runError = error;
  }
  process.stdout.write(
    `[install-test] the Playwright run took ${seconds(Date.now() - started)} in all\n`,
  );
  const tests = readPlaywrightTests();
  for (const test of tests) {
    checks.add({
      id: 'browser',
      title: `browser: ${test.title}`,
      status: test.status,
      duration: test.duration,
      failureMessages: test.errors,
      details: [],
    });
    const mark = STATUS_MARK[test.status];
    process.stdout.write(
      `[install-test] ${mark} browser: ${test.title}: ${seconds(test.duration)}\n`,
    );
    for (const error of test.errors)
      process.stdout.write(`${error.replace(/^/gm, '    ')}\n`);
  }
  if (tests.length === 0) {
    const message =
      runError instanceof Error
        ? runError.message
        : 'Playwright wrote no report';
    checks.add({
      id: 'browser',
      title: 'browser: the Playwright run',
      status: 'failed',
      duration: Date.now() - started,
      failureMessages: [message],
      details: [],
    });
    process.stdout.write(
      `[install-test] ✘ browser: the Playwright run failed\n${message.replace(/^/gm, '    ')}\n`,
    );
  }
}

interface PlaywrightTest {
  title: string;
  status: Status;
  duration: number;
  errors: string[];
}

/** A Playwright test's outcome as a check's status. */
const STATUS_OF: Record<JSONReportTest['status'], Status> = {
  expected: 'passed',
  flaky: 'passed',
  skipped: 'pending',
  unexpected: 'failed',
};
/** The colour codes Playwright writes into its error messages (ESC, '[', digits, 'm'). */
// eslint-disable-next-line no-control-regex
const ANSI_COLOUR = /\u001b\[[0-9;]*m/g;

/** The tests of Playwright's JSON report, flattened. */
function readPlaywrightTests(): PlaywrightTest[] {
  let report: JSONReport;
  try {
    report = JSON.parse(fs.readFileSync(BROWSER_RESULTS_FILE, 'utf8'));
  } catch {
    return [];
  }
  const tests: PlaywrightTest[] = [];
  const visit = (suite: JSONReportSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const results = test.results ?? [];
        tests.push({
          title: spec.title,
          status: STATUS_OF[test.status] ?? 'failed',
          duration: results.reduce((sum, r) => sum + (r.duration ?? 0), 0),
          errors: results.flatMap(r =>
            (r.errors ?? []).map(e => e.message.replace(ANSI_COLOUR, '')),
          ),
        });
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return tests;
}
