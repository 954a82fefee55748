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
  aliceLost2fa,
  carolOwner,
  change,
  highlights,
  ruleDeleted,
  webLostBackend,
} from '../../__testUtils__/changeFixtures';
import { idleStatus, run } from '../../__testUtils__/fixtures';
import { renderCard } from '../../__testUtils__/renderCard';
import { responseError } from '../../__testUtils__/responseError';
import { IDLE_POLL_MS } from '../../hooks/useSyncStatus';

const section = () => screen.findByTestId('sentry-graph-since-yesterday');

/** The group's row, opened: its list of changes. */
async function openGroup(label: string, count: number) {
  fireEvent.click(
    screen.getByRole('button', { name: new RegExp(`^${label}: ${count}$`) }),
  );
  return screen.findByRole('list', { name: label });
}

afterEach(() => {
  jest.useRealTimers();
});

describe('the card\'s "Since yesterday"', () => {
  it('counts each of the six groups, an empty one closed', async () => {
    const api = new FakeSentryGraphApi();
    api.highlights = highlights(
      {
        newOwnersAndManagers: [carolOwner()],
        lost2fa: [aliceLost2fa()],
        projectsWithoutTeams: [webLostBackend()],
        alertRulesRemovedOrDisabled: [ruleDeleted()],
      },
      { membersAdded: 0, membersRemoved: 0 },
    );
    renderCard(api);
    const since = await section();
    expect(
      within(since).getByRole('heading', { name: 'Since yesterday' }),
    ).toBeInTheDocument();
    expect(since).toHaveTextContent(/Changes recorded since yesterday/);
    const rows = within(since)
      .getAllByRole('button')
      .map(b => b.textContent?.trim());
    expect(rows).toEqual([
      'New owners and managers: 1',
      'Members who lost 2FA: 1',
      'Projects left without a team: 1',
      'Alert rules removed or disabled: 1',
      'Members added: 0',
      'Members removed: 0',
    ]);
    expect(
      within(since).getByRole('button', { name: /Members added: 0/ }),
    ).toHaveAttribute('aria-disabled', 'true');
    // The window is the backend's default: the last 24 hours.
    expect(api.highlightsArgs).toEqual([{}]);
  });

  it('says each change in words, linked to Sentry and to the catalog entity', async () => {
    const api = new FakeSentryGraphApi();
    api.highlights = highlights({
      newOwnersAndManagers: [carolOwner()],
      projectsWithoutTeams: [webLostBackend()],
    });
    renderCard(api);
    await section();

    const owners = await openGroup('New owners and managers', 1);
    expect(within(owners).getByRole('listitem')).toHaveTextContent(
      /^carol@acme\.test became owner \(was member\) 1 hour ago/,
    );
    // Her name opens her catalog user; the icon beside it, her page in Sentry.
    expect(
      within(owners).getByRole('link', { name: 'carol@acme.test' }),
    ).toHaveAttribute('href', '/catalog/default/user/carol');
    expect(
      within(owners).getByRole('link', { name: 'carol@acme.test in Sentry' }),
    ).toHaveAttribute(
      'href',
      'https://sentry.example/settings/acme/members/2003/',
    );

    const projects = await openGroup('Projects left without a team', 1);
    expect(within(projects).getByRole('listitem')).toHaveTextContent(
      /^Project web lost team #backend/,
    );
    // The team it lost links too: to its group and to Sentry.
    expect(
      within(projects).getByRole('link', { name: '#backend' }),
    ).toHaveAttribute('href', '/catalog/default/group/backend');
    expect(
      within(projects).getByRole('link', { name: '#backend in Sentry' }),
    ).toHaveAttribute(
      'href',
      'https://sentry.example/settings/acme/teams/backend/',
    );
  });

  it('names a removed entity without links, and counts what it does not list', async () => {
    const api = new FakeSentryGraphApi();
    api.highlights = highlights(
      { alertRulesRemovedOrDisabled: [ruleDeleted()] },
      { alertRulesRemovedOrDisabled: 12 },
    );
    renderCard(api);
    await section();
    const rules = await openGroup('Alert rules removed or disabled', 12);
    expect(within(rules).getByRole('listitem')).toHaveTextContent(
      'Alert rule Errors in web was deleted',
    );
    expect(within(rules).queryByRole('link')).not.toBeInTheDocument();
    expect(
      screen.getByText(/and 11 more \(the page's change list has them all\)/),
    ).toBeInTheDocument();
  });

  it('says which organization each change is in when more than one changed', async () => {
    const api = new FakeSentryGraphApi();
    api.highlights = highlights({
      membersAdded: [
        change({
          change: 'added',
          field: 'role',
          before: null,
          after: 'member',
        }),
        change({
          organization: { id: '2', slug: 'globex' },
          entity: { id: '9001', name: 'ivan@globex.test' },
          change: 'added',
          field: 'role',
          before: null,
          after: 'member',
        }),
      ],
    });
    renderCard(api);
    await section();
    const added = await openGroup('Members added', 2);
    expect(
      within(added)
        .getAllByRole('listitem')
        .map(item => item.textContent?.replace(/ \d+ hours? ago.*$/, '')),
    ).toEqual([
      'carol@acme.test joined the organization as member in acme',
      'ivan@globex.test joined the organization as member in globex',
    ]);
  });

  it('says nothing of these changed, rather than six zeros', async () => {
    renderCard(new FakeSentryGraphApi());
    const since = await section();
    expect(
      await within(since).findByTestId('sentry-graph-no-highlights'),
    ).toHaveTextContent(
      /^No changes of these kinds since yesterday .*: no new owner or manager, no 2FA lost/,
    );
    expect(within(since).queryByRole('button')).not.toBeInTheDocument();
  });

  it('says the history is turned off when the backend answers 404, and the rest of the card stays', async () => {
    const api = new FakeSentryGraphApi();
    api.highlights = failWith(
      await responseError(404, 'The change history is turned off'),
    );
    renderCard(api);
    expect(
      await screen.findByTestId('sentry-graph-change-history-off'),
    ).toHaveTextContent('The change history is turned off');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('sentry-graph-backend-unreachable'),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByTestId('sentry-graph-counts-acme'),
    ).toBeInTheDocument();
  });

  it('shows a server error by its message', async () => {
    const api = new FakeSentryGraphApi();
    api.highlights = failWith(
      await responseError(503, "The plugin's database does not answer"),
    );
    renderCard(api);
    const since = await section();
    expect(await within(since).findByRole('alert')).toHaveTextContent(
      'What changed since yesterday could not be read' +
        "The plugin's database does not answer (HTTP 503)",
    );
  });

  it('says it is reading until the highlights answer', async () => {
    const api = new FakeSentryGraphApi();
    api.highlights = () => new Promise(() => {});
    renderCard(api);
    expect(await section()).toHaveTextContent('Reading what changed…');
  });

  it('is not there before the first run', async () => {
    const api = new FakeSentryGraphApi();
    api.statuses = [
      idleStatus({ lastRun: undefined, lastSuccessfulRun: undefined }),
    ];
    renderCard(api);
    expect(
      await screen.findByTestId('sentry-graph-first-sync-pending'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('sentry-graph-since-yesterday'),
    ).not.toBeInTheDocument();
    expect(api.calls.highlights).toBe(0);
  });

  it('reads the highlights again when a run ends, showing its changes', async () => {
    jest.useFakeTimers();
    const later = run({ id: '00000000-0000-4000-8000-000000000002' });
    const api = new FakeSentryGraphApi();
    api.statuses = [idleStatus(), idleStatus({ lastRun: later })];
    renderCard(api);
    expect(
      await screen.findByTestId('sentry-graph-no-highlights'),
    ).toBeInTheDocument();
    api.highlights = highlights({ lost2fa: [aliceLost2fa()] });
    await act(async () => jest.advanceTimersByTime(IDLE_POLL_MS));
    expect(
      await screen.findByRole('button', { name: /Members who lost 2FA: 1/ }),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.calls.highlights).toBe(2));
  });
});
