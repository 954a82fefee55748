import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { GraphChange } from '@sentry-graph/plugin-sentry-graph-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { sentryGraphApiRef } from '../../api';
import {
  FakeSentryGraphApi,
  failWith,
} from '../../__testUtils__/FakeSentryGraphApi';
import {
  aliceLost2fa,
  carolOwner,
  change,
  ruleDeleted,
  webLostBackend,
} from '../../__testUtils__/changeFixtures';
import { acmeSummary, run } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import { ChangeList } from './ChangeList';

function renderList(api: FakeSentryGraphApi) {
  return renderInTestApp(<ChangeList />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [[sentryGraphApiRef, api]],
  });
}

const rows = () => screen.findAllByTestId('sentry-graph-change-row');
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

/** `count` role changes, newest first, an hour apart. */
function history(count: number): GraphChange[] {
  return Array.from({ length: count }, (_, i) =>
    change({
      recordedAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      entity: { id: String(5000 + i), name: `m${i}@acme.test` },
    }),
  );
}

describe("the page's change list", () => {
  it('shows each change: when, organization, kind, entity, change, before → after, related entity and run', async () => {
    const api = new FakeSentryGraphApi();
    api.changes = [carolOwner(), webLostBackend(), ruleDeleted()];
    renderList(api);
    const [carol, web, rule] = await rows();
    expect(cells(carol)).toEqual([
      expect.stringMatching(/^1 hour ago/),
      'acme',
      'Member',
      'carol@acme.test',
      'Organization role',
      'member → owner',
      '—',
      '00000000',
    ]);
    expect(cells(web).slice(1)).toEqual([
      'acme',
      'Project',
      'web',
      'Project team',
      'backend → none',
      '#backend',
      '00000000',
    ]);
    expect(cells(rule).slice(2, 6)).toEqual([
      'Alert rule',
      'Errors in web',
      'Removed',
      '—',
    ]);
    // Entities link to the catalog and to Sentry; the removed rule to neither.
    expect(within(web).getByRole('link', { name: '#backend' })).toHaveAttribute(
      'href',
      '/catalog/default/group/backend',
    );
    expect(
      within(carol).getByRole('link', { name: 'carol@acme.test in Sentry' }),
    ).toHaveAttribute(
      'href',
      'https://sentry.example/settings/acme/members/2003/',
    );
    expect(within(rule).queryAllByRole('link')).toHaveLength(0);
  });

  it('asks for the last 7 days by default, 25 at a time', async () => {
    const api = new FakeSentryGraphApi();
    renderList(api);
    expect(
      await screen.findByTestId('sentry-graph-no-changes'),
    ).toHaveTextContent('No changes match these filters.');
    const [asked] = api.changesArgs;
    expect(asked).toMatchObject({ limit: 25, cursor: undefined });
    const days = (Date.now() - Date.parse(asked.since!)) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);
  });

  it('filters by organization, kind, change and window, asking the backend for each', async () => {
    const api = new FakeSentryGraphApi();
    api.summary = {
      organizations: [
        acmeSummary(),
        {
          ...acmeSummary(),
          organization: {
            ...acmeSummary().organization,
            id: '2',
            slug: 'globex',
          },
        },
      ],
    };
    const old = change({
      recordedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      entity: { id: '2010', name: 'old@acme.test' },
    });
    api.changes = [
      carolOwner(),
      aliceLost2fa(),
      webLostBackend(),
      change({
        organization: { id: '2', slug: 'globex' },
        entity: { id: '9001', name: 'ivan@globex.test' },
      }),
      old,
    ];
    renderList(api);
    expect(await rows()).toHaveLength(4);

    fireEvent.change(screen.getByLabelText('Organization'), {
      target: { value: 'globex' },
    });
    await waitFor(async () => expect(await rows()).toHaveLength(1));
    expect(api.changesArgs.at(-1)).toMatchObject({ organization: 'globex' });

    fireEvent.change(screen.getByLabelText('Organization'), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByLabelText('Kind'), {
      target: { value: 'member' },
    });
    fireEvent.change(screen.getByLabelText('Change'), {
      target: { value: '2fa' },
    });
    await waitFor(async () =>
      expect((await rows()).map(r => cells(r)[3])).toEqual(['alice@acme.test']),
    );
    expect(api.changesArgs.at(-1)).toMatchObject({
      organization: undefined,
      kind: 'member',
      change: '2fa',
    });

    fireEvent.change(screen.getByLabelText('Change'), {
      target: { value: 'role' },
    });
    fireEvent.change(screen.getByLabelText('Since'), {
      target: { value: '30d' },
    });
    await waitFor(async () =>
      expect((await rows()).map(r => cells(r)[3])).toContain('old@acme.test'),
    );
    const days =
      (Date.now() - Date.parse(api.changesArgs.at(-1)!.since!)) / 86_400_000;
    expect(days).toBeCloseTo(30, 2);
  });

  it('loads older changes with the cursor of the page before, then has no more', async () => {
    const api = new FakeSentryGraphApi();
    api.changes = history(30);
    renderList(api);
    expect(await rows()).toHaveLength(25);
    expect(screen.getByText('25 shown, more older')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Load 25 more' }));
    await waitFor(async () => expect(await rows()).toHaveLength(30));
    expect(api.changesArgs.at(-1)).toMatchObject({ cursor: '25', limit: 25 });
    // The same window as the first page: the cursor belongs to it.
    expect(api.changesArgs.at(-1)!.since).toBe(api.changesArgs[0].since);
    expect(screen.getByRole('button', { name: 'Load 25 more' })).toBeDisabled();
    expect(screen.getByText('30 shown')).toBeInTheDocument();
    // Newest first throughout.
    const cellsOf = (await rows()).map(r => cells(r)[3]);
    expect(cellsOf[0]).toBe('m0@acme.test');
    expect(cellsOf[29]).toBe('m29@acme.test');
  });

  it('keeps the rows read when the next page fails, saying why', async () => {
    const api = new FakeSentryGraphApi();
    api.changes = history(30);
    renderList(api);
    expect(await rows()).toHaveLength(25);
    api.changesAnswer = failWith(await responseError(500, 'Cursor lost'));
    fireEvent.click(screen.getByRole('button', { name: 'Load 25 more' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cursor lost (HTTP 500)',
    );
    expect(await rows()).toHaveLength(25);
  });

  it('says the history is turned off on a 404, with no filters to set', async () => {
    const api = new FakeSentryGraphApi();
    api.changesAnswer = failWith(
      await responseError(404, 'The change history is turned off'),
    );
    renderList(api);
    expect(
      await screen.findByTestId('sentry-graph-change-history-off'),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Kind')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a server error by its message', async () => {
    const api = new FakeSentryGraphApi();
    api.changesAnswer = failWith(
      await responseError(400, 'since: expected an ISO 8601 instant'),
    );
    renderList(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The changes could not be readsince: expected an ISO 8601 instant (HTTP 400)',
    );
  });

  it('shows a progress indicator until the first page answers', async () => {
    const api = new FakeSentryGraphApi();
    api.changesAnswer = () => new Promise(() => {});
    renderList(api);
    expect(
      await screen.findByRole('progressbar', { name: 'Reading the changes' }),
    ).toBeInTheDocument();
  });

  it('opens the run of a change: its details and what it changed', async () => {
    const api = new FakeSentryGraphApi();
    const recorded = run();
    api.runs = [recorded];
    api.changes = [carolOwner({ runId: recorded.id }), aliceLost2fa()];
    renderList(api);
    const [first] = await rows();
    fireEvent.click(
      within(first).getByRole('button', {
        name: `Details of run ${recorded.id}`,
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Run details' });
    const changed = await within(dialog).findByRole('region', {
      name: 'What the run changed',
    });
    // Its changes answer after the run itself.
    const items = await within(changed).findAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'carol@acme.test became owner (was member)',
      'alice@acme.test lost 2FA',
    ]);
  });
});
