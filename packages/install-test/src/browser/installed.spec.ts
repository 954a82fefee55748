/*
 * The fresh app in Chromium, signed in as its guest: the /sentry-graph page
 * shows the counts of the sync that src/run.ts ran, and the example
 * component's entity page shows the card of its Sentry project. Run by
 * src/run.ts (which starts the app and passes what it knows in INSTALL_TEST_*).
 */
import { expect, test, type Page } from '@playwright/test';
import type {
  EntitySentryData,
  SummaryResponse,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import fs from 'node:fs';
import path from 'node:path';

function setting(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: packages/install-test/src/run.ts runs this spec`,
    );
  return value;
}

const APP_URL = setting('INSTALL_TEST_APP_URL');
const RUN_ID = setting('INSTALL_TEST_RUN_ID');
const COMPONENT = setting('INSTALL_TEST_COMPONENT');
const PROJECT = setting('INSTALL_TEST_PROJECT');
const SCREENSHOT = setting('INSTALL_TEST_SCREENSHOT');
const TOKEN = setting('SENTRY_GRAPH_INSTALL_TEST_TOKEN');

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${APP_URL}/api/sentry-graph${route}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  if (!response.ok)
    throw new Error(
      `GET ${route}: HTTP ${response.status} ${await response.text()}`,
    );
  return (await response.json()) as T;
}

const count = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');

/** The fresh app's sign-in page offers its guest provider with "Enter"; the app keeps the choice for the next page loads. */
async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click({ timeout: 90_000 });
  await expect(enter).toBeHidden({ timeout: 60_000 });
}

test("the app's /sentry-graph page shows the sync's counts", async ({
  page,
}) => {
  const status = await api<SyncStatus>('/status');
  expect(status.lastRun?.id, 'the last run is the sync of this step').toBe(
    RUN_ID,
  );
  expect(status.lastRun?.status).toBe('succeeded');
  const { organizations } = await api<SummaryResponse>('/summary');
  expect(organizations.length).toBeGreaterThan(0);

  await signIn(page);
  await page.goto('/sentry-graph');
  await expect(page.getByTestId('sentry-graph-status')).toBeVisible({
    timeout: 60_000,
  });
  for (const { organization, nodes, runId } of organizations) {
    expect(
      runId,
      `${organization.slug}'s figures come from this step's sync`,
    ).toBe(RUN_ID);
    await expect(
      page.getByTestId(`sentry-graph-counts-${organization.slug}`),
    ).toHaveText(
      [
        `${count(nodes.SentryUser)} members`,
        `${count(nodes.SentryTeam)} teams`,
        `${count(nodes.SentryProject)} projects`,
        `${count(nodes.SentryRelease)} releases`,
        `${count(nodes.SentryAlertRule)} alert rules`,
      ].join(' · '),
    );
  }
  const totals = status.lastRun!.totals!;
  await expect(page.getByTestId('sentry-graph-last-run')).toContainText(
    `Last run: succeeded`,
  );
  await expect(page.getByTestId('sentry-graph-last-run')).toContainText(
    `${count(totals.fetched)} items fetched, ${count(totals.written)} written`,
  );
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test(`${COMPONENT}'s entity page shows the Sentry project card`, async ({
  page,
}) => {
  const expected = await api<EntitySentryData>(
    `/entities/component/default/${COMPONENT}`,
  );
  expect(expected.synced, 'the sync read the component from the catalog').toBe(
    true,
  );
  const project = expected.projects[0];
  expect(`${project?.organization}/${project?.slug}`).toBe(PROJECT);

  await signIn(page);
  await page.goto(`/catalog/default/component/${COMPONENT}`);
  const card = page.getByTestId('sentry-graph-entity-card');
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card.getByRole('link', { name: PROJECT })).toHaveAttribute(
    'href',
    project.url,
  );
  await expect(card).toContainText(
    `Alert rules: ${count(project.alertRules.total)}`,
  );
});
