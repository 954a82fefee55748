import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  FakeSentryGraphApi,
  failWith,
} from '../../__testUtils__/FakeSentryGraphApi';
import {
  acmeSummary,
  databaseDown,
  idleStatus,
  neo4jDown,
  neo4jUnreachableMessage,
  run,
  runningStatus,
} from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import { ACTIVE_POLL_MS, IDLE_POLL_MS } from '../../hooks/useSyncStatus';
import { renderCard } from '../../__testUtils__/renderCard';

const headline = () => screen.getByTestId('sentry-graph-status');

afterEach(() => {
  jest.useRealTimers();
});

describe('the status card', () => {
  it('shows a progress indicator until the first status answers', async () => {
    const api = new FakeSentryGraphApi();
    api.statuses = [() => new Promise(() => {})];
    renderCard(api);
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByTestId('sentry-graph-status')).not.toBeInTheDocument();
  });

  it('says the graph is fresh, when the data is from and when the next sync is due', async () => {
    renderCard(new FakeSentryGraphApi());
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(headline()).toHaveTextContent('Fresh');
    const when = headline().nextElementSibling;
    expect(when).toHaveTextContent(
      /^Last successful sync finished 5 minutes ago \(.+\)\. Next sync due in 25 minutes \(.+\)\.$/,
    );
    // The exact time is read out after the relative one (and shown on hover).
    expect(when?.querySelector('time')).toHaveTextContent(
      /^5 minutes ago \(\d+\/\d+\/\d{4}, .+\)$/,
    );
  });

  it('says when the last full run was, what kind the last run was, and when the next full run is due', async () => {
    const lastFull = run({
      id: '00000000-0000-4000-8000-000000000002',
      kind: 'full',
      requestedKind: 'full',
      startedAt: new Date(Date.now() - 3 * 3_600_000 - 60_000).toISOString(),
      finishedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    });
    const routine = run({ kind: 'routine', requestedKind: 'routine' });
    const api = new FakeSentryGraphApi();
    api.statuses = [
      idleStatus({
        lastRun: routine,
        lastSuccessfulRun: routine,
        lastFullRun: lastFull,
        nextFullRunDue: new Date(Date.now() + 21 * 3_600_000).toISOString(),
      }),
    ];
    renderCard(api);
    const fullRuns = await screen.findByTestId('sentry-graph-full-runs');
    expect(fullRuns).toHaveTextContent(
      /^Last full run finished 3 hours ago \(.+\)\. Next full run due in 21 hours \(.+\)\.$/,
    );
    expect(screen.getByTestId('sentry-graph-last-run')).toHaveTextContent(
      /^Last run: succeeded, a routine run, 5 minutes ago \(.+\) in 1 min 00 s: 14,585 items fetched/,
    );
  });

  it('says no full run has completed yet, and that the next is due now when it is', async () => {
    const api = new FakeSentryGraphApi();
    const failed = run({
      status: 'failed',
      kind: 'full',
      totals: undefined,
      errorSummary: 'Neo4j is not usable',
    });
    api.statuses = [
      idleStatus({
        lastRun: failed,
        lastSuccessfulRun: undefined,
        stale: true,
        nextFullRunDue: new Date(Date.now() - 5_000).toISOString(),
      }),
    ];
    renderCard(api);
    expect(
      await screen.findByTestId('sentry-graph-full-runs'),
    ).toHaveTextContent(
      /^No full run has completed yet\. Next full run due now\.$/,
    );
  });

  it('says nothing of full runs for a backend that tells neither', async () => {
    renderCard(new FakeSentryGraphApi());
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(
      screen.queryByTestId('sentry-graph-full-runs'),
    ).not.toBeInTheDocument();
    // Nor the last run's kind.
    expect(screen.getByTestId('sentry-graph-last-run')).toHaveTextContent(
      /^Last run: succeeded 5 minutes ago/,
    );
  });

  it('says a stale graph is stale', async () => {
    const api = new FakeSentryGraphApi();
    api.statuses = [idleStatus({ stale: true })];
    renderCard(api);
    await waitFor(() =>
      expect(headline()).toHaveTextContent('Stale: no recent successful sync'),
    );
  });

  it('shows the counts and findings per organization, each finding opening to items linked to Sentry', async () => {
    const api = new FakeSentryGraphApi();
    api.summary = {
      organizations: [
        acmeSummary({
          membersWithout2fa: {
            count: 21,
            flagged: true,
            items: [
              {
                id: '7',
                name: 'Ada',
                email: 'ada@acme.example',
                url: 'https://sentry.example/settings/acme/members/7/',
              },
            ],
          },
        }),
      ],
    };
    renderCard(api);
    expect(
      await screen.findByTestId('sentry-graph-counts-acme'),
    ).toHaveTextContent(
      '1,000 members · 100 teams · 300 projects · 10,000 releases · 1,000 alert rules',
    );
    // Stored figures say how old they are.
    expect(screen.getByText(/^Figures as of/)).toHaveTextContent(
      /^Figures as of 5 minutes ago/,
    );
    expect(screen.getByRole('link', { name: 'Acme Corp' })).toHaveAttribute(
      'href',
      'https://sentry.example/organizations/acme/',
    );
    const finding = screen.getByRole('button', {
      name: /Members without 2FA: 21/,
    });
    expect(finding).toHaveTextContent('(the organization requires 2FA)');
    fireEvent.click(finding);
    const ada = await screen.findByRole('link', {
      name: 'Ada <ada@acme.example>',
    });
    expect(ada).toHaveAttribute(
      'href',
      'https://sentry.example/settings/acme/members/7/',
    );
    expect(screen.getByText(/and 20 more/)).toBeInTheDocument();
    // An empty finding cannot be opened.
    expect(
      screen.getByRole('button', { name: /Open invites: 0/ }),
    ).toHaveAttribute('aria-disabled', 'true');
  });

  it('shows the catalog joined to Sentry: what matched, and findings linked to entity pages and Sentry', async () => {
    const api = new FakeSentryGraphApi();
    const none = { count: 0, items: [] };
    api.summary = {
      organizations: [acmeSummary()],
      catalog: {
        computedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        entities: {
          components: 5,
          componentsWithSentryProject: 2,
          groups: 4,
          groupsWithSentryTeam: 2,
          users: 5,
          usersWithSentryAccount: 4,
        },
        findings: {
          componentsWithoutSentryProject: {
            count: 1,
            items: [
              {
                id: 'component:default/billing',
                entityRef: 'component:default/billing',
                name: 'billing',
              },
            ],
          },
          projectsWithoutEntity: {
            count: 1,
            items: [
              {
                id: '4003',
                slug: 'orphan',
                name: 'Orphan',
                organization: 'acme',
                url: 'https://sentry.example/settings/acme/projects/orphan/',
              },
            ],
          },
          annotationsPointingNowhere: none,
          componentsWhoseOwnerLacksTheTeam: none,
          groupMembersAdminWithout2fa: none,
        },
      },
    };
    renderCard(api);
    expect(
      await screen.findByTestId('sentry-graph-catalog-counts'),
    ).toHaveTextContent(
      '2 of 5 components have a Sentry project · 2 of 4 groups have a Sentry team · 4 of 5 users have a Sentry account',
    );
    fireEvent.click(
      screen.getByRole('button', {
        name: /Components without a Sentry project: 1/,
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'billing' }),
    ).toHaveAttribute('href', '/catalog/default/component/billing');
    fireEvent.click(
      screen.getByRole('button', {
        name: /Sentry projects no catalog entity claims: 1/,
      }),
    );
    expect(
      await screen.findByRole('link', { name: 'acme/Orphan' }),
    ).toHaveAttribute(
      'href',
      'https://sentry.example/settings/acme/projects/orphan/',
    );
  });

  it('explains a partial run: where, which kind and why, and that the data was kept', async () => {
    const partial = run({
      status: 'partial',
      result: {
        status: 'partial',
        updateTag: 1,
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:01:00Z',
        durationMs: 60_000,
        requests: {
          requests: 10,
          retries: 0,
          rateLimited: 0,
          budgetWaitMs: 0,
          failedRequests: 1,
        },
        errors: [],
        organizations: [
          {
            slug: 'acme',
            status: 'partial',
            kinds: {
              releases: {
                status: 'incomplete',
                fetched: 100,
                written: 100,
                invalid: 0,
                invalidItems: [],
                deleted: 0,
                kept: [
                  {
                    what: 'SentryRelease',
                    reason: 'the listing did not complete (HTTP 503)',
                  },
                ],
                error: 'HTTP 503 from releases after 4 retries',
              },
              teams: {
                status: 'complete',
                fetched: 10,
                written: 10,
                invalid: 2,
                invalidItems: [
                  {
                    endpoint: 'teams',
                    id: '9',
                    reason: 'slug: expected string',
                  },
                ],
                deleted: 0,
                kept: [],
              },
              projects: {
                status: 'complete',
                fetched: 10,
                written: 10,
                invalid: 0,
                invalidItems: [],
                deleted: 0,
                kept: [
                  {
                    what: 'SentryProject',
                    count: 290,
                    reason:
                      'mass-deletion guard: would delete 290 of 300 (97%)',
                  },
                ],
              },
            },
          },
        ],
      },
    });
    const api = new FakeSentryGraphApi();
    api.runs = [partial];
    api.statuses = [idleStatus({ lastRun: partial })];
    renderCard(api);
    expect(
      await screen.findByText('The last sync was partial'),
    ).toBeInTheDocument();
    const outcome = screen.getByTestId('sentry-graph-last-run');
    expect(outcome).toHaveTextContent('what the graph held was kept');
    expect(
      await within(outcome).findByText(
        'acme, releases: the listing did not complete (HTTP 503 from releases after 4 retries); the data from earlier runs was kept.',
      ),
    ).toBeInTheDocument();
    expect(
      within(outcome).getByText(
        'acme, teams: 2 invalid item(s) skipped (e.g. slug: expected string).',
      ),
    ).toBeInTheDocument();
    expect(
      within(outcome).getByText(
        'acme, projects: 290 SentryProject kept: mass-deletion guard: would delete 290 of 300 (97%).',
      ),
    ).toBeInTheDocument();
  });

  it("gives a failed run's error summary", async () => {
    const failed = run({
      status: 'failed',
      errorSummary: 'Neo4j at bolt://db:7687 refused the connection',
      totals: undefined,
    });
    const api = new FakeSentryGraphApi();
    api.statuses = [idleStatus({ lastRun: failed })];
    renderCard(api);
    expect(await screen.findByText('The last sync failed')).toBeInTheDocument();
    expect(
      screen.getByText('Neo4j at bolt://db:7687 refused the connection'),
    ).toBeInTheDocument();
  });

  it('shows the run in progress: organization, kind and items, and no "Sync now" while it runs', async () => {
    const api = new FakeSentryGraphApi();
    api.statuses = [
      runningStatus(
        run({ status: 'running', finishedAt: undefined, totals: undefined }),
        9335,
      ),
    ];
    renderCard(api);
    expect(await screen.findByText('Syncing now')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Reading releases of acme: 9,335 items so far',
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Routine run now' }),
    ).toBeDisabled();
  });

  it('follows a run from queued to running to succeeded, polling every 2 s, and reads the new figures', async () => {
    jest.useFakeTimers();
    const finished = run({
      id: '00000000-0000-4000-8000-000000000002',
      finishedAt: new Date().toISOString(),
    });
    const api = new FakeSentryGraphApi();
    api.statuses = [
      runningStatus(
        run({
          id: finished.id,
          status: 'queued',
          startedAt: undefined,
          finishedAt: undefined,
        }),
      ),
      runningStatus(
        run({ id: finished.id, status: 'running', finishedAt: undefined }),
        120,
      ),
      runningStatus(
        run({ id: finished.id, status: 'running', finishedAt: undefined }),
        4000,
      ),
      idleStatus({ lastRun: finished, lastSuccessfulRun: finished }),
    ];
    renderCard(api);
    expect(await screen.findByText('Sync queued')).toBeInTheDocument();
    expect(
      screen.getByText('Waiting for the scheduler to start the sync…'),
    ).toBeInTheDocument();
    const summariesBefore = api.calls.summary;

    await act(async () => jest.advanceTimersByTime(ACTIVE_POLL_MS));
    expect(
      await screen.findByText('Reading releases of acme: 120 items so far'),
    ).toBeInTheDocument();
    await act(async () => jest.advanceTimersByTime(ACTIVE_POLL_MS));
    expect(
      await screen.findByText('Reading releases of acme: 4,000 items so far'),
    ).toBeInTheDocument();
    await act(async () => jest.advanceTimersByTime(ACTIVE_POLL_MS));
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(api.calls.status).toBe(4);
    // The finished run changes the last run: the summary is read again.
    await waitFor(() =>
      expect(api.calls.summary).toBeGreaterThan(summariesBefore),
    );
  });

  it('polls every 60 s when idle, and not at all while the page is hidden', async () => {
    jest.useFakeTimers();
    const api = new FakeSentryGraphApi();
    renderCard(api);
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(api.calls.status).toBe(1);
    await act(async () => jest.advanceTimersByTime(IDLE_POLL_MS - 1_000));
    expect(api.calls.status).toBe(1);
    await act(async () => jest.advanceTimersByTime(1_000));
    expect(api.calls.status).toBe(2);

    const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    await act(async () => jest.advanceTimersByTime(5 * IDLE_POLL_MS));
    expect(api.calls.status).toBe(2);
    hidden.mockReturnValue(false);
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(() => expect(api.calls.status).toBe(3));
    hidden.mockRestore();
  });

  it('starts a sync and polls at once, so the queued run shows without a reload', async () => {
    const api = new FakeSentryGraphApi();
    const queued = runningStatus(
      run({
        id: 'new',
        status: 'queued',
        startedAt: undefined,
        finishedAt: undefined,
      }),
    );
    renderCard(api);
    const button = await screen.findByRole('button', { name: 'Sync now' });
    api.statuses = [queued];
    fireEvent.click(button);
    expect(await screen.findByText('Sync requested.')).toBeInTheDocument();
    expect(await screen.findByText('Sync queued')).toBeInTheDocument();
    expect(api.calls.sync).toBe(1);
    expect(api.syncModes).toEqual(['full']);
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  });

  it('asks for a routine run from its own button, and says so', async () => {
    const api = new FakeSentryGraphApi();
    renderCard(api);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Routine run now' }),
    );
    expect(
      await screen.findByText('Routine run requested.'),
    ).toBeInTheDocument();
    expect(api.syncModes).toEqual(['routine']);
  });

  it('says a sync is already in progress on a 409', async () => {
    const api = new FakeSentryGraphApi();
    api.syncAnswer = failWith(
      await responseError(409, 'A sync is already queued or running'),
    );
    renderCard(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(
      await screen.findByText('A sync is already in progress.'),
    ).toBeInTheDocument();
  });

  it('says when to try again on a 429, from Retry-After', async () => {
    const api = new FakeSentryGraphApi();
    api.syncAnswer = failWith(
      await responseError(
        429,
        'A manual sync ran less than the minimum interval ago',
        {
          'Retry-After': '42',
        },
      ),
    );
    renderCard(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(
      await screen.findByText(
        'A manual sync ran a short while ago; try again in 42 s.',
      ),
    ).toBeInTheDocument();
  });

  it('says the first sync is pending, and when it is due, before any run', async () => {
    const api = new FakeSentryGraphApi();
    api.statuses = [
      idleStatus({
        lastRun: undefined,
        lastSuccessfulRun: undefined,
        stale: true,
      }),
    ];
    renderCard(api);
    const pending = await screen.findByTestId(
      'sentry-graph-first-sync-pending',
    );
    expect(pending).toHaveTextContent('No sync has run yet');
    expect(pending).toHaveTextContent(/It is due in 25 minutes \(.+\)\./);
  });

  it('says the backend cannot be reached when the request fails', async () => {
    const api = new FakeSentryGraphApi();
    api.statuses = [failWith(new TypeError('Failed to fetch'))];
    renderCard(api);
    const state = await screen.findByTestId('sentry-graph-backend-unreachable');
    expect(state).toHaveTextContent(
      'The sentry-graph backend cannot be reached',
    );
    expect(state).toHaveTextContent('Failed to fetch');
  });

  it('says Neo4j does not answer when /health says so, and still shows the stored figures', async () => {
    const api = new FakeSentryGraphApi();
    api.health = neo4jDown;
    renderCard(api);
    expect(
      await screen.findByTestId('sentry-graph-neo4j-unreachable'),
    ).toHaveTextContent('Neo4j does not answer');
    expect(headline()).toHaveTextContent('Fresh');
    expect(
      await screen.findByTestId('sentry-graph-counts-acme'),
    ).toBeInTheDocument();
  });

  it("shows the backend's words when /summary answers 503 because Neo4j cannot be reached, not a generic error", async () => {
    const api = new FakeSentryGraphApi();
    api.health = neo4jDown;
    api.summary = failWith(await responseError(503, neo4jUnreachableMessage));
    renderCard(api);
    const summaryError = (
      await screen.findByText('The graph summary could not be read')
    ).closest('[role="alert"]');
    expect(summaryError).toHaveTextContent(
      `${neo4jUnreachableMessage} (HTTP 503)`,
    );
    // The backend answered: it is Neo4j that is away, not the backend.
    expect(
      screen.queryByTestId('sentry-graph-backend-unreachable'),
    ).not.toBeInTheDocument();
    expect(headline()).toHaveTextContent('Fresh');
  });

  it("says the plugin's database does not answer when /health says so, instead of the 503 /status answers", async () => {
    const api = new FakeSentryGraphApi();
    api.health = databaseDown;
    api.statuses = [
      failWith(
        await responseError(
          503,
          "The plugin's database does not answer: connect ECONNREFUSED",
        ),
      ),
    ];
    renderCard(api);
    expect(
      await screen.findByTestId('sentry-graph-database-unreachable'),
    ).toHaveTextContent("The plugin's database does not answer");
    expect(
      screen.queryByTestId('sentry-graph-status-error'),
    ).not.toBeInTheDocument();
  });

  it('keeps the last status when a later poll fails, saying which way it failed', async () => {
    jest.useFakeTimers();
    const api = new FakeSentryGraphApi();
    api.statuses = [
      idleStatus(),
      failWith(
        await responseError(500, 'The run history table could not be read'),
      ),
      failWith(new TypeError('Failed to fetch')),
    ];
    renderCard(api);
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    await act(async () => jest.advanceTimersByTime(IDLE_POLL_MS));
    expect(
      await screen.findByTestId('sentry-graph-status-error'),
    ).toHaveTextContent('The run history table could not be read (HTTP 500)');
    expect(headline()).toHaveTextContent('Fresh');
    await act(async () => jest.advanceTimersByTime(IDLE_POLL_MS));
    expect(
      await screen.findByTestId('sentry-graph-backend-unreachable'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('sentry-graph-status-error'),
    ).not.toBeInTheDocument();
    expect(headline()).toHaveTextContent('Fresh');
  });

  it("shows an error in Backstage's error shape by its message, never its stack", async () => {
    const api = new FakeSentryGraphApi();
    api.statuses = [
      failWith(
        await responseError(500, 'The run history table could not be read'),
      ),
    ];
    renderCard(api);
    const state = await screen.findByTestId('sentry-graph-status-error');
    expect(state).toHaveTextContent('The sync status could not be read');
    expect(state).toHaveTextContent(
      'The run history table could not be read (HTTP 500)',
    );
    expect(document.body).not.toHaveTextContent('secretInternals');
  });
});
