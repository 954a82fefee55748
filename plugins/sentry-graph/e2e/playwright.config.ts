import { defineConfig } from '@playwright/test';

/*
 * The browser tests: Debian's Chromium (scripts/chromium.sh installs it and
 * sets CHROMIUM_PATH), driven by Playwright against the demo stack that
 * e2e/stack.ts starts. No browser download.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  // Traces and failure screenshots, out of the package (and out of git).
  outputDir: '../../../.cache/e2e/test-results',
  // One stack for the whole file; its first build takes a while on 2 cores.
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: '../../../.cache/e2e-results.json' }],
  ],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    },
  },
});
