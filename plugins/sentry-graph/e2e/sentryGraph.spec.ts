/*
 * The card and page in a real browser, against the real demo stack: the
 * counts match /summary, "Sync now" starts a run whose progress shows and
 * which ends succeeded, the history lists it, a user without the
 * permission sees no button, the entity cards show their project and team;
 * then the change history's tests (changeHistory.tests.ts) on the same
 * stack. Screenshots go to .cache/screenshots/ (or
 * SENTRY_GRAPH_SCREENSHOT_DIR); `npm run screenshots` copies them into
 * docs/images/ for the README, so a test run leaves the working tree clean.
 */
import { expect, test } from '@playwright/test';
import type {
  EntitySentryData,
  RunListResponse,
  SummaryResponse,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { changeHistoryTests } from './changeHistory.tests';
import { IMAGES, openPage, stack } from './demo';
import { APP_URL, waitUntil } from './stack';

/** Tall enough for the whole card with a finding open. */
const SCREEN = { width: 1600, height: 1500 };

test.use({ viewport: SCREEN });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  await stack.start();
  // The demo's schedule starts the first sync 10 s after the backend.
  await waitUntil(
    'the first sync to succeed',
    async () => {
      const status = await stack.api<SyncStatus>('/status');
      return status.lastSuccessfulRun;
    },
    300_000,
  );
  // The catalog reads its file in the background: sync again until the
  // graph holds it (a service token may always sync).
  await waitUntil(
    'the catalog to be in the graph',
    async () => {
      const { catalog } = await stack.api<SummaryResponse>('/summary');
      if (catalog && catalog.entities.componentsWithSentryProject > 0)
        return catalog;
      const status = await stack.api<SyncStatus>('/status');
      if (!status.currentRun) await stack.api('/sync', { method: 'POST' });
      return undefined;
    },
    300_000,
  );
  process.stdout.write(
    `The dev app's first build took ${(stack.appBuildMs / 1000).toFixed(1)} s\n`,
  );
});

test.afterAll(async () => {
  await stack.stop();
});

/** The first component of the demo's catalog that names a Sentry project. */
function firstAnnotatedComponent(): string {
  const documents = parseAllDocuments(
    fs.readFileSync(stack.catalogFile, 'utf8'),
  );
  const entities = documents.map(
    d =>
      d.toJS() as {
        kind: string;
        metadata: { name: string; annotations?: Record<string, string> };
      },
  );
  const found = entities.find(
    e =>
      e.kind === 'Component' &&
      e.metadata.annotations?.['sentry.io/project-slug'],
  );
  if (!found) throw new Error("the demo's catalog has no annotated component");
  return found.metadata.name;
}

test('the page loads and shows the figures /summary gives', async ({
  page,
}) => {
  await openPage(page);
  const { organizations } = await stack.api<SummaryResponse>('/summary');
  expect(organizations.length).toBeGreaterThan(0);
  for (const { organization, nodes, findings } of organizations) {
    const counts = page.getByTestId(`sentry-graph-counts-${organization.slug}`);
    const n = (label: string) => (nodes[label] ?? 0).toLocaleString('en-US');
    await expect(counts).toHaveText(
      `${n('SentryUser')} members · ${n('SentryTeam')} teams · ${n('SentryProject')} projects · ` +
        `${n('SentryRelease')} releases · ${n('SentryAlertRule')} alert rules`,
    );
    await expect(
      page.getByRole('button', {
        name: `Members without 2FA: ${findings.membersWithout2fa.count.toLocaleString('en-US')}`,
      }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', {
        name: `Projects without alert rules: ${findings.projectsWithoutAlertRules.count.toLocaleString('en-US')}`,
      }),
    ).toBeVisible();
  }
  await expect(page.getByTestId('sentry-graph-status')).toHaveText(/Fresh/);
  // A finding opens to its first items, linked to Sentry.
  await page.getByRole('button', { name: /^Members without 2FA/ }).click();
  // The list is open once its last item shows (the accordion animates).
  await expect(
    page
      .getByRole('list', { name: 'Members without 2FA' })
      .getByRole('listitem')
      .last(),
  ).toBeInViewport();
  await page.waitForTimeout(500);
  const first = organizations[0].findings.membersWithout2fa.items[0];
  await expect(
    page
      .getByRole('link', { name: new RegExp(first.email ?? first.id) })
      .first(),
  ).toHaveAttribute('href', first.url!);
  await page.screenshot({
    path: path.join(IMAGES, 'card.png'),
    fullPage: true,
  });
});

test('"Sync now" starts a run; its progress shows and it ends succeeded', async ({
  page,
}) => {
  await openPage(page);
  const before = await stack.api<SyncStatus>('/status');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('Sync requested.')).toBeVisible();
  const progress = page.getByRole('progressbar', {
    name: /items so far|Waiting|Starting/,
  });
  await expect(progress).toBeVisible();
  await expect(page.getByText(/^Reading .+ items so far$/)).toBeVisible();
  await page.screenshot({
    path: path.join(IMAGES, 'sync-running.png'),
    fullPage: true,
  });

  await expect(page.getByTestId('sentry-graph-status')).toHaveText(/Fresh/, {
    timeout: 180_000,
  });
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('sentry-graph-last-run')).toContainText(
    'Last run: succeeded',
  );
  const after = await stack.api<SyncStatus>('/status');
  expect(after.lastRun?.id).not.toBe(before.lastRun?.id);
  expect(after.lastRun?.status).toBe('succeeded');
  expect(after.lastRun?.trigger).toBe('manual');
});

test('the history lists the run, with who asked, and opens its details', async ({
  page,
}) => {
  await openPage(page);
  const { runs } = await stack.api<RunListResponse>('/runs?limit=1');
  const rows = page.getByTestId('sentry-graph-run-row');
  await expect(rows.first()).toContainText('Manualby user:development/guest');
  await expect(rows.first()).toContainText('Succeeded');
  const totals = runs[0].totals!;
  await expect(rows.first()).toContainText(
    `${totals.fetched.toLocaleString('en-US')} fetched`,
  );
  await rows
    .first()
    .getByRole('button', { name: /Details of the run/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Run details' });
  await expect(
    dialog.getByRole('table', { name: /What the run did in/ }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: path.join(IMAGES, 'run-details.png'),
    animations: 'disabled',
  });
});

test('the dark theme shows the card too', async ({ browser }) => {
  const context = await browser.newContext({
    colorScheme: 'dark',
    viewport: { width: 1400, height: 1000 },
  });
  await context.addInitScript(() =>
    window.localStorage.setItem('theme', 'dark'),
  );
  const page = await context.newPage();
  await openPage(page);
  await expect(page.locator('body')).toHaveAttribute('data-theme-mode', 'dark');
  await expect(page.getByTestId('sentry-graph-counts-acme')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await page.screenshot({
    path: path.join(IMAGES, 'card-dark.png'),
    fullPage: true,
  });
  await context.close();
});

test('a user without sentry-graph.sync.run sees the card but no "Sync now"', async ({
  page,
}) => {
  // The demo policy lets user:development/guest sync; sign in as someone else.
  await stack.startBackend({
    APP_CONFIG_auth_providers_guest_userEntityRef: 'user:development/viewer',
  });
  // The button is hidden until the permission answers: wait for the answer.
  const decision = page.waitForResponse(response =>
    response.url().endsWith('/api/permission/authorize'),
  );
  await openPage(page);
  const { items } = (await (await decision).json()) as {
    items: Array<{ result: string }>;
  };
  expect(items.map(item => item.result)).toEqual(['DENY']);
  await expect(page.getByTestId('sentry-graph-last-run')).toBeVisible();
  await expect(page.getByTestId('sentry-graph-counts-acme')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: 'Routine run now' }),
  ).toHaveCount(0);
});

test("a component's page shows its Sentry project, owners, rules and 2FA flags", async ({
  page,
}) => {
  const name = firstAnnotatedComponent();
  const expected = await stack.api<EntitySentryData>(
    `/entities/component/default/${name}`,
  );
  const [project] = expected.projects;
  expect(project).toBeDefined();
  await page.goto(`${APP_URL}/catalog/default/component/${name}`);
  const card = page.getByTestId('sentry-graph-entity-card');
  await expect(card).toBeVisible({ timeout: 120_000 });
  await expect(
    card.getByRole('link', { name: `${project.organization}/${project.slug}` }),
  ).toHaveAttribute('href', project.url);
  await expect(card).toContainText(`Alert rules: ${project.alertRules.total}`);
  await expect(card).toContainText(
    `Who can administer it in Sentry (${project.admins.count.toLocaleString('en-US')}`,
  );
  if (project.admins.withoutTwoFactor > 0)
    await expect(card).toContainText('no 2FA');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: path.join(IMAGES, 'entity-card.png'),
    animations: 'disabled',
  });
});

test("a group's page compares the group with its Sentry team", async ({
  page,
}) => {
  const expected = await stack.api<EntitySentryData>(
    '/entities/group/default/sre',
  );
  const [team] = expected.teams;
  expect(team).toBeDefined();
  await page.goto(`${APP_URL}/catalog/default/group/sre`);
  const card = page.getByTestId('sentry-graph-group-card');
  await expect(card).toBeVisible({ timeout: 120_000 });
  await expect(
    card.getByRole('link', { name: `${team.organization}/#${team.slug}` }),
  ).toBeVisible();
  await expect(card).toContainText(
    `In the group and on the team (${team.inBoth.length})`,
  );
});

changeHistoryTests();
