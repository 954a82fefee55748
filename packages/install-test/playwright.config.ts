import { defineConfig } from '@playwright/test';

/*
 * The install test's browser checks (src/browser/installed.spec.ts), run by
 * src/run.ts against the fresh app that its backend serves. Debian's
 * Chromium (scripts/chromium.sh), no browser download. Everything Playwright
 * writes goes under .cache/.
 */
export default defineConfig({
  testDir: './src/browser',
  testMatch: '*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  outputDir: '../../.cache/install-test/browser-output',
  reporter: [
    ['list'],
    ['json', { outputFile: '../../.cache/install-test/browser-results.json' }],
  ],
  use: {
    baseURL: process.env.INSTALL_TEST_APP_URL,
    viewport: { width: 1400, height: 1100 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    },
  },
});
