import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { SyncRunKind } from '@sentry-graph/plugin-sentry-graph-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { sentryGraphApiRef } from '../../api';
import { FakeSentryGraphApi } from '../../__testUtils__/FakeSentryGraphApi';
import { run } from '../../__testUtils__/fixtures';
import { RunHistory } from './RunHistory';
import { exactTime } from '../../lib/time';

const id = (n: number) =>
  `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The kind each run was and the kind asked for: the fourth, a routine run that ran full. */
const KINDS: Array<[SyncRunKind, SyncRunKind]> = [
  ['full', 'full'],
  ['routine', 'routine'],
  ['routine', 'routine'],
  ['full', 'routine'],
];

function history(count: number) {
  return Array.from({ length: count }, (_, i) =>
    run({
      id: id(i + 1),
      trigger: i % 2 ? 'manual' : 'scheduled',
      requestedBy: i % 2 ? 'user:default/ada' : undefined,
      kind: KINDS[i % KINDS.length][0],
      requestedKind: KINDS[i % KINDS.length][1],
      createdAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      startedAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      finishedAt: new Date(
        Date.now() - (i + 1) * 3_600_000 + 3_600,
      ).toISOString(),
    }),
  );
}

function renderHistory(api: FakeSentryGraphApi) {
  return renderInTestApp(<RunHistory />, { apis: [[sentryGraphApiRef, api]] });
}

describe('the run history', () => {
  it('lists runs with trigger and who asked, kind, start and duration, status and totals', async () => {
    const api = new FakeSentryGraphApi();
    api.runs = [...history(4), run({ id: id(99) })];
    renderHistory(api);
    const rows = await screen.findAllByTestId('sentry-graph-run-row');
    expect(rows).toHaveLength(5);
    const kindCell = (row: HTMLElement) =>
      within(row).getAllByRole('cell')[1].textContent;
    // A routine run asked for that ran full says so; a run from an older backend says no kind.
    expect(rows.map(kindCell)).toEqual([
      'Full',
      'Routine',
      'Routine',
      'Full (asked: routine)',
      '—',
    ]);
    expect(rows[0]).toHaveTextContent('Scheduled');
    expect(rows[0]).toHaveTextContent('1 hour ago');
    expect(rows[0]).toHaveTextContent(/1 hour ago.*took 3.6 s/);
    expect(rows[0]).toHaveTextContent('Succeeded');
    expect(rows[0]).toHaveTextContent('14,585 fetched · 36,420 written');
    expect(rows[1]).toHaveTextContent('Manualby user:default/ada');
  });

  it('pages with before: older runs, then back to the newer ones', async () => {
    const api = new FakeSentryGraphApi();
    api.runs = history(12);
    renderHistory(api);
    expect(await screen.findAllByTestId('sentry-graph-run-row')).toHaveLength(
      10,
    );
    expect(screen.getByRole('button', { name: 'Newer runs' })).toBeDisabled();

    fireEvent.click(screen.getByRole('button', { name: 'Older runs' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('sentry-graph-run-row')).toHaveLength(2),
    );
    // The page after the tenth run, asked for with one more to know if there is a next.
    expect(api.listRunsArgs.at(-1)).toEqual({ limit: 11, before: id(10) });
    expect(screen.getByRole('button', { name: 'Older runs' })).toBeDisabled();
    expect(screen.getByText('Page 2')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Newer runs' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('sentry-graph-run-row')).toHaveLength(10),
    );
    expect(api.listRunsArgs.at(-1)).toEqual({ limit: 11, before: undefined });
  });

  it("opens a run's details: per organization and kind, what was fetched, written, deleted and kept, and why", async () => {
    const api = new FakeSentryGraphApi();
    const [first] = history(1);
    api.runs = [
      {
        ...first,
        result: {
          status: 'succeeded',
          updateTag: 1,
          startedAt: first.startedAt!,
          finishedAt: first.finishedAt!,
          durationMs: 3_600,
          requests: {
            requests: 412,
            retries: 3,
            rateLimited: 1,
            budgetWaitMs: 2_500,
            failedRequests: 0,
          },
          errors: [],
          organizations: [
            {
              slug: 'acme',
              name: 'Acme Corp',
              status: 'succeeded',
              kinds: {
                teams: {
                  status: 'complete',
                  fetched: 100,
                  written: 100,
                  invalid: 0,
                  invalidItems: [],
                  deleted: 2,
                  kept: [],
                },
                releases: {
                  status: 'complete',
                  fetched: 10_000,
                  written: 20_000,
                  invalid: 1,
                  invalidItems: [
                    {
                      endpoint: 'releases',
                      reason: 'version: expected string',
                    },
                  ],
                  deleted: 0,
                  kept: [
                    {
                      what: 'HAS_RELEASE',
                      count: 7,
                      reason: 'the projects listing did not complete',
                    },
                  ],
                },
              },
            },
          ],
        },
      },
    ];
    renderHistory(api);
    fireEvent.click(
      await screen.findByRole('button', { name: /Details of the run/ }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Run details' });
    await within(dialog).findByText(
      /412 Sentry requests, 3 retries, 1 rate-limited/,
    );
    const table = within(dialog).getByRole('table', {
      name: 'What the run did in acme',
    });
    const releases = within(table).getByText('releases').closest('tr')!;
    expect(releases).toHaveTextContent(
      'complete10,00020,0001 (e.g. version: expected string)07 HAS_RELEASE: the projects listing did not complete—',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it("opens a routine run's details: its kind and why, what it left out, and its requests by endpoint", async () => {
    const api = new FakeSentryGraphApi();
    const [, second] = history(2);
    const kindResult = {
      status: 'complete' as const,
      fetched: 8,
      written: 8,
      invalid: 0,
      invalidItems: [],
      deleted: 0,
      kept: [],
    };
    api.runs = [
      {
        ...second,
        result: {
          status: 'succeeded',
          kind: 'routine',
          kindReason:
            'some organizations ran full (beta: the graph holds no complete full run of it yet)',
          skipped: [
            'acme: deletions: at full runs',
            'acme: the archived releases listing: at full runs',
          ],
          updateTag: 1,
          startedAt: second.startedAt!,
          finishedAt: second.finishedAt!,
          durationMs: 1_200,
          requests: {
            requests: 31,
            retries: 0,
            rateLimited: 0,
            budgetWaitMs: 0,
            failedRequests: 0,
            byEndpoint: { teams: 2, members: 9, 'team-members': 20 },
          },
          errors: [],
          organizations: [
            {
              slug: 'acme',
              status: 'succeeded',
              kind: 'routine',
              auditLog: {
                read: true,
                entries: 1_204,
                since: '2026-12-07T09:45:00.000Z',
              },
              kinds: { members: kindResult },
            },
            {
              slug: 'beta',
              status: 'succeeded',
              kind: 'full',
              kindReason: 'the graph holds no complete full run of it yet',
              kinds: { members: kindResult },
            },
          ],
        },
      },
    ];
    renderHistory(api);
    fireEvent.click(
      await screen.findByRole('button', { name: /Details of the run/ }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Run details' });
    const kind = await within(dialog).findByRole('region', {
      name: 'Kind of run',
    });
    expect(kind).toHaveTextContent(
      'Routine run: some organizations ran full (beta: the graph holds no complete full run of it yet)',
    );
    expect(
      within(kind)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'acme: deletions: at full runs',
      'acme: the archived releases listing: at full runs',
    ]);
    expect(
      within(dialog).getByTestId('sentry-graph-requests-by-endpoint'),
    ).toHaveTextContent('By endpoint: team-members 20 · members 9 · teams 2');
    // Only the organization that ran otherwise than the run says its kind.
    expect(
      within(dialog).getByRole('region', { name: 'Organization beta' }),
    ).toHaveTextContent(
      'beta: Succeeded · full: the graph holds no complete full run of it yet',
    );
    const acme = within(dialog).getByRole('region', {
      name: 'Organization acme',
    });
    expect(acme).not.toHaveTextContent(/routine/i);
    expect(acme).toHaveTextContent(
      `Audit log: 1,204 entries since ${exactTime('2026-12-07T09:45:00.000Z')}`,
    );
  });

  it('says when there are no runs yet', async () => {
    renderHistory(new FakeSentryGraphApi());
    expect(await screen.findByText('No runs yet.')).toBeInTheDocument();
  });
});
