import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { Route, Routes } from 'react-router-dom';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  renderInTestApp as renderInLegacyTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen } from '@testing-library/react';
import sentryGraphFrontendPlugin, {
  SentryGraphPage,
  SentryGraphStatusCard,
  sentryGraphApiRef,
} from './index';
import { FakeSentryGraphApi } from './__testUtils__/FakeSentryGraphApi';

describe('the new frontend system plugin', () => {
  it('serves the page at /sentry-graph with the card, the run history and the change list', async () => {
    renderTestApp({
      features: [sentryGraphFrontendPlugin],
      initialRouteEntries: ['/sentry-graph'],
      apis: [
        [sentryGraphApiRef, new FakeSentryGraphApi()],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(await screen.findByText('Run history')).toBeInTheDocument();
    expect(await screen.findByText('Change history')).toBeInTheDocument();
    expect(
      await screen.findByTestId('sentry-graph-since-yesterday'),
    ).toBeInTheDocument();
  });

  it('offers the status card as a home page widget', async () => {
    const tester = createExtensionTester(
      sentryGraphFrontendPlugin.getExtension(
        'home-page-widget:sentry-graph/status',
      ),
    );
    const widget = tester.get(HomePageWidgetBlueprint.dataRefs.widget);
    expect(widget.title).toBe('Sentry graph');
    renderInTestApp(widget.component, {
      apis: [
        [sentryGraphApiRef, new FakeSentryGraphApi()],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    });
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
  });
});

describe('the legacy frontend system exports', () => {
  const apis = [
    [sentryGraphApiRef, new FakeSentryGraphApi()],
    [
      permissionApiRef,
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  ] as const;

  it('renders SentryGraphPage with its header, the card, the history and the change list', async () => {
    await renderInLegacyTestApp(
      <TestApiProvider apis={apis}>
        <Routes>
          <Route path="/sentry-graph" element={<SentryGraphPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/sentry-graph'] },
    );
    expect(
      await screen.findByRole('heading', { name: 'Sentry graph', level: 1 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
    expect(await screen.findByText('Run history')).toBeInTheDocument();
    expect(await screen.findByText('Change history')).toBeInTheDocument();
    expect(
      await screen.findByTestId('sentry-graph-since-yesterday'),
    ).toBeInTheDocument();
  });

  it('renders SentryGraphStatusCard on its own', async () => {
    await renderInLegacyTestApp(
      <TestApiProvider apis={apis}>
        <SentryGraphStatusCard />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Fresh')).toBeInTheDocument();
  });
});
