import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';

/** The status card as a widget of the home plugin's page. */
export const sentryGraphHomePageWidget = HomePageWidgetBlueprint.make({
  name: 'status',
  params: {
    title: 'Sentry graph',
    description:
      "Freshness of the Sentry graph in Neo4j, the sync in progress and each organization's findings",
    layout: { width: { defaultColumns: 6 }, height: { defaultRows: 6 } },
    components: () =>
      import('../components/SentryGraphStatusCard').then(m => ({
        Content: m.SentryGraphStatusContent,
      })),
  },
});
