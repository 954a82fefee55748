/*
 * The change history in the browser (registered by sentryGraph.spec.ts, on
 * its stack, after its tests): after the sample server's day after and a
 * sync, the card's "since yesterday", the page's change list and the
 * entity cards show what changed.
 */
import { expect, test } from '@playwright/test';
import type {
  ChangeHighlightKey,
  ChangeHighlightsResponse,
  ChangesResponse,
  RunRecord,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { SampleChange } from '@sentry-graph/sentry-sample-server';
import path from 'node:path';
import { IMAGES, openPage, stack } from './demo';
import { APP_URL } from './stack';

/** The card's "since yesterday" groups, in its words and order. */
const HIGHLIGHT_GROUPS: Array<[ChangeHighlightKey, string]> = [
  ['newOwnersAndManagers', 'New owners and managers'],
  ['lost2fa', 'Members who lost 2FA'],
  ['projectsWithoutTeams', 'Projects left without a team'],
  ['alertRulesRemovedOrDisabled', 'Alert rules removed or disabled'],
  ['membersAdded', 'Members added'],
  ['membersRemoved', 'Members removed'],
];

/** The one change of a kind the sample server's day after made. */
function madeOf<K extends SampleChange['kind']>(
  changes: SampleChange[],
  kind: K,
): Extract<SampleChange, { kind: K }> {
  const found = changes.find(
    (c): c is Extract<SampleChange, { kind: K }> => c.kind === kind,
  );
  if (!found) throw new Error(`the day after made no ${kind}`);
  return found;
}

export function changeHistoryTests(): void {
  test.describe('the change history, after the sample server’s day after and a sync', () => {
    let made: SampleChange[] = [];
    let dayAfterRun: RunRecord;

    test.beforeAll(async () => {
      test.setTimeout(600_000);
      made = await stack.dayAfter('acme');
      dayAfterRun = await stack.syncAndWait();
      expect(dayAfterRun.status).toBe('succeeded');
    });

    test('the card says what changed since yesterday, each change linked to Sentry', async ({
      page,
    }) => {
      const { highlights } = await stack.api<ChangeHighlightsResponse>(
        '/changes/highlights',
      );
      await openPage(page);
      const since = page.getByTestId('sentry-graph-since-yesterday');
      for (const [key, label] of HIGHLIGHT_GROUPS) {
        // Each group holds a change of the day after.
        expect(highlights[key].count).toBeGreaterThan(0);
        await expect(
          since.getByRole('button', {
            name: `${label}: ${highlights[key].count.toLocaleString('en-US')}`,
          }),
        ).toBeVisible();
      }

      await since
        .getByRole('button', { name: /^New owners and managers/ })
        .click();
      const owners = since.getByRole('list', {
        name: 'New owners and managers',
      });
      const promoted = highlights.newOwnersAndManagers.items.find(
        c => c.entity.id === madeOf(made, 'member-role').memberId,
      );
      expect(promoted?.entity.url).toBeDefined();
      await expect(owners).toContainText(
        `${promoted!.entity.name} became owner (was member)`,
      );
      // The name opens the catalog user where one is linked, and an icon
      // beside it the member's page in Sentry; else the name opens Sentry.
      const sentryLink = promoted!.entity.entityRef
        ? `${promoted!.entity.name} in Sentry`
        : promoted!.entity.name!;
      await expect(
        owners.getByRole('link', { name: sentryLink, exact: true }),
      ).toHaveAttribute('href', promoted!.entity.url!);

      await since
        .getByRole('button', { name: /^Projects left without a team/ })
        .click();
      const project = madeOf(made, 'project-team-removed');
      await expect(
        since.getByRole('list', { name: 'Projects left without a team' }),
      ).toContainText(`Project ${project.project} lost team #`);

      await since.getByRole('button', { name: /^Alert rules removed/ }).click();
      const rules = since.getByRole('list', {
        name: 'Alert rules removed or disabled',
      });
      await expect(rules).toContainText(/was deleted/);
      await expect(rules).toContainText(/was disabled/);
      // The lists are open once their last items show (the accordions animate).
      await expect(rules.getByRole('listitem').last()).toBeInViewport();
      await page.waitForTimeout(500);
      await page.screenshot({
        path: path.join(IMAGES, 'change-history.png'),
        fullPage: true,
      });
    });

    test('the page lists the changes newest first, filters them and opens their run', async ({
      page,
    }) => {
      const { changes } = await stack.api<ChangesResponse>(
        `/runs/${dayAfterRun.id}/changes`,
      );
      await openPage(page);
      const list = page.getByTestId('sentry-graph-change-list');
      const rows = list.getByTestId('sentry-graph-change-row');
      // The day after's run is the newest: its changes come first.
      await expect(rows.first()).toContainText(dayAfterRun.id.slice(0, 8));
      expect(await rows.count()).toBeGreaterThanOrEqual(
        Math.min(changes.length, 25),
      );

      await list
        .getByLabel('Kind', { exact: true })
        .selectOption({ label: 'Member' });
      await list
        .getByLabel('Change', { exact: true })
        .selectOption({ label: 'Organization role' });
      const promotedId = madeOf(made, 'member-role').memberId;
      const promoted = changes.find(c => c.entity.id === promotedId)!;
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(promoted.entity.name!);
      await expect(rows.first()).toContainText('member → owner');

      await list
        .getByLabel('Kind', { exact: true })
        .selectOption({ label: 'All kinds' });
      await list
        .getByLabel('Change', { exact: true })
        .selectOption({ label: 'Project team' });
      const project = madeOf(made, 'project-team-removed');
      await expect(
        rows.filter({ hasText: `${project.team} → none` }),
      ).toHaveCount(1);

      await list
        .getByLabel('Change', { exact: true })
        .selectOption({ label: 'All changes' });
      await expect(rows.first()).toContainText(dayAfterRun.id.slice(0, 8));
      await list.scrollIntoViewIfNeeded();
      await list.screenshot({
        path: path.join(IMAGES, 'change-list.png'),
        animations: 'disabled',
      });

      await rows
        .first()
        .getByRole('button', { name: `Details of run ${dayAfterRun.id}` })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Run details' });
      await expect(
        dialog.getByRole('region', { name: 'What the run changed' }),
      ).toContainText(`${promoted.entity.name} became owner (was member)`);
    });

    test("the project's component and its team's group show the project losing the team", async ({
      page,
    }) => {
      const { highlights } = await stack.api<ChangeHighlightsResponse>(
        '/changes/highlights',
      );
      const [lost] = highlights.projectsWithoutTeams.items;
      // The demo's catalog has a component for the project and a group for the team.
      expect(lost.entity.entityRef).toBeDefined();
      expect(lost.related?.entityRef).toBeDefined();
      const words = `Project ${lost.entity.name} lost team #${lost.related!.name}`;
      const entityPath = (ref: string) => {
        const [kind, rest] = ref.split(':');
        const [namespace, name] = rest.split('/');
        return `${APP_URL}/catalog/${namespace}/${kind}/${name}`;
      };

      await page.goto(entityPath(lost.entity.entityRef!));
      const project = page.getByRole('list', {
        name: `Recent changes of ${lost.entity.name}`,
      });
      await expect(project).toContainText(words, { timeout: 120_000 });

      await page.goto(entityPath(lost.related!.entityRef!));
      await expect(
        page.getByRole('list', {
          name: `Recent changes of #${lost.related!.name}`,
        }),
      ).toContainText(words, { timeout: 120_000 });
    });
  });
}
