import { act, screen } from '@testing-library/react';
import { FakeSentryGraphApi } from '../../__testUtils__/FakeSentryGraphApi';
import { renderCard } from '../../__testUtils__/renderCard';

// A file of its own: the permission hook caches decisions (SWR) for the
// whole module registry, and the card's other tests are all allowed.
it('has no "Sync now" for people without sentry-graph.sync.run', async () => {
  const api = new FakeSentryGraphApi();
  renderCard(api, { mayRunSync: false });
  expect(await screen.findByText('Fresh')).toBeInTheDocument();
  expect(await screen.findByText(/Last run:/)).toBeInTheDocument();
  // Let the permission check answer before asserting the absence.
  await act(() => new Promise(resolve => setTimeout(resolve, 200)));
  expect(
    screen.queryByRole('button', { name: 'Sync now' }),
  ).not.toBeInTheDocument();
  expect(
    screen.queryByRole('button', { name: 'Routine run now' }),
  ).not.toBeInTheDocument();
  expect(api.calls.sync).toBe(0);
});
