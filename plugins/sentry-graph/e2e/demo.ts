/*
 * What the browser tests share: the demo stack (one for the run, started
 * by sentryGraph.spec.ts), where screenshots go, and opening the page.
 */
import { expect, type Page } from '@playwright/test';
import path from 'node:path';
import { APP_URL, DemoStack, ROOT } from './stack';

export const IMAGES =
  process.env.SENTRY_GRAPH_SCREENSHOT_DIR ??
  path.join(ROOT, '.cache/screenshots');

export const stack = new DemoStack();

export async function openPage(page: Page) {
  await page.goto(`${APP_URL}/sentry-graph`);
  await expect(page.getByTestId('sentry-graph-status')).toBeVisible({
    timeout: 120_000,
  });
}
