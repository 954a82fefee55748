import { Content, Header, Page } from '@backstage/core-components';
import { SentryGraphContent } from './SentryGraphContent';

/**
 * The plugin's page for the legacy frontend system, with its own header
 * (the new system's page header comes from the app).
 *
 * @public
 */
export function SentryGraphPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Sentry graph"
        subtitle="Sentry's organizations, teams, members, projects, releases and alert rules in Neo4j"
      />
      <Content>
        <SentryGraphContent />
      </Content>
    </Page>
  );
}
