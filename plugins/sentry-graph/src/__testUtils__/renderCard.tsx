import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { sentryGraphApiRef } from '../api';
import { SentryGraphStatusCard } from '../components/SentryGraphStatusCard';
import type { FakeSentryGraphApi } from './FakeSentryGraphApi';

/** The status card in a test app, on a scripted backend, with or without the sync permission. */
export function renderCard(
  api: FakeSentryGraphApi,
  options: { mayRunSync?: boolean } = {},
) {
  return renderInTestApp(<SentryGraphStatusCard />, {
    // Catalog findings link to entity pages.
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [
      [sentryGraphApiRef, api],
      mockApis.permission({
        authorize:
          options.mayRunSync === false
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }),
    ],
  });
}
