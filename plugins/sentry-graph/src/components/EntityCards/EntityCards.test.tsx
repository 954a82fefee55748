import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import { sentryGraphApiRef } from '../../api';
import {
  FakeSentryGraphApi,
  failWith,
} from '../../__testUtils__/FakeSentryGraphApi';
import { change } from '../../__testUtils__/changeFixtures';
import {
  backendGroup,
  catalogEntity,
  checkoutApi,
} from '../../__testUtils__/entityFixtures';
import { neo4jUnreachableMessage } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import { EntitySentryGraphCard } from './EntitySentryGraphCard';
import { EntitySentryGraphGroupCard } from './EntitySentryGraphGroupCard';
import { isSentryProjectAnnotated } from './isSentryProjectAnnotated';

function renderOnEntityPage(
  card: JSX.Element,
  entity: Entity,
  api: FakeSentryGraphApi,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{card}</EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[sentryGraphApiRef, api]],
    },
  );
}

const checkout = catalogEntity('Component', 'checkout-api', {
  'sentry.io/project-slug': 'api',
});

describe("a component's Sentry card", () => {
  it('shows its project: teams and their groups, rules, newest release, admins with their 2FA, and findings', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/checkout-api'] = checkoutApi;
    renderOnEntityPage(<EntitySentryGraphCard />, checkout, api);
    const project = await screen.findByTestId('sentry-graph-entity-project');
    expect(
      within(project).getByRole('link', { name: 'acme/api' }),
    ).toHaveAttribute(
      'href',
      'https://sentry.example/settings/acme/projects/api/',
    );
    expect(
      within(project).getByRole('link', { name: '#backend' }),
    ).toBeInTheDocument();
    // The team's catalog group links to its entity page.
    expect(
      within(project).getByRole('link', { name: 'backend' }),
    ).toHaveAttribute('href', '/catalog/default/group/backend');
    expect(project).toHaveTextContent('Alert rules: 3, 1 disabled');
    expect(
      within(project).getByRole('link', { name: 'api@2.0.0' }),
    ).toBeInTheDocument();
    expect(project).toHaveTextContent('Newest release: api@2.0.0, 2 days ago');
    const admins = within(project).getByRole('list', {
      name: 'Administrators of api',
    });
    const items = within(admins).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Bob <bob@acme.test> no 2FA — manager');
    expect(items[2]).toHaveTextContent('Carol <carol@acme.test> — team admin');
    expect(screen.getByRole('list', { name: 'Findings' })).toHaveTextContent(
      'Some who can administer its project have no 2FA',
    );
  });

  it('says when its annotation points nowhere', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/ghost'] = {
      entityRef: 'component:default/ghost',
      kind: 'component',
      synced: true,
      annotation: { name: 'sentry.io/project-slug', value: 'ghost' },
      projects: [],
      teams: [],
      findings: ['annotationPointsNowhere', 'noSentryProject'],
    };
    renderOnEntityPage(
      <EntitySentryGraphCard />,
      catalogEntity('Component', 'ghost'),
      api,
    );
    expect(
      await screen.findByRole('list', { name: 'Findings' }),
    ).toHaveTextContent(
      'Its sentry.io/project-slug annotation names a project Sentry does not have',
    );
  });

  it('says the next sync reads an entity it has not read yet', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/checkout-api'] = {
      ...checkoutApi,
      synced: false,
      projects: [],
      findings: [],
    };
    renderOnEntityPage(<EntitySentryGraphCard />, checkout, api);
    expect(
      await screen.findByTestId('sentry-graph-entity-not-synced'),
    ).toBeInTheDocument();
  });

  it('says nothing about the entity when the backend answers 404 (not readable for this user)', async () => {
    renderOnEntityPage(
      <EntitySentryGraphCard />,
      checkout,
      new FakeSentryGraphApi(),
    );
    expect(
      await screen.findByText('Sentry data is not available for this entity.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('sentry-graph-entity-project'),
    ).not.toBeInTheDocument();
  });

  it('shows a server error by its message', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/checkout-api'] = failWith(
      await responseError(500, 'Neo4j is not usable'),
    );
    renderOnEntityPage(<EntitySentryGraphCard />, checkout, api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Neo4j is not usable (HTTP 500)',
    );
  });

  it("shows the backend's words when it answers 503 because Neo4j cannot be reached", async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/checkout-api'] = failWith(
      await responseError(503, neo4jUnreachableMessage),
    );
    renderOnEntityPage(<EntitySentryGraphCard />, checkout, api);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The Sentry data could not be read');
    expect(alert).toHaveTextContent(`${neo4jUnreachableMessage} (HTTP 503)`);
    expect(
      screen.queryByTestId('sentry-graph-entity-project'),
    ).not.toBeInTheDocument();
  });

  it('belongs on entities with the project annotation only', () => {
    expect(isSentryProjectAnnotated(checkout)).toBe(true);
    expect(
      isSentryProjectAnnotated(catalogEntity('Component', 'billing')),
    ).toBe(false);
  });
});

describe("a group's Sentry card", () => {
  it('compares the group with its team: in both, only in the catalog, only in Sentry, and the admins', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['group:default/backend'] = backendGroup;
    renderOnEntityPage(
      <EntitySentryGraphGroupCard />,
      catalogEntity('Group', 'backend'),
      api,
    );
    const team = await screen.findByTestId('sentry-graph-entity-team');
    const list = (name: string) => within(team).getByRole('list', { name });
    expect(list('Team admins')).toHaveTextContent('Carol');
    expect(team).toHaveTextContent('Besides them, 2 owner(s) and manager(s)');
    expect(list('In the group and on the team')).toHaveTextContent(
      'Dave no 2FA',
    );
    expect(list('In the group, not on the team')).toHaveTextContent(
      'bob@acme.test',
    );
    expect(list('On the team, not in the group')).toHaveTextContent('Alice');
  });

  it('says when no Sentry team matches the group', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['group:default/platform'] = {
      entityRef: 'group:default/platform',
      kind: 'group',
      synced: true,
      projects: [],
      teams: [],
      findings: ['noSentryTeam'],
    };
    renderOnEntityPage(
      <EntitySentryGraphGroupCard />,
      catalogEntity('Group', 'platform'),
      api,
    );
    expect(
      await screen.findByRole('list', { name: 'Findings' }),
    ).toHaveTextContent('No Sentry team matches this group');
  });
});

describe("the entity cards' recent changes", () => {
  it("shows the last five changes of a component's project, asking by its node id", async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/checkout-api'] = checkoutApi;
    const ofApi = (n: number) =>
      change({
        kind: 'project',
        entity: { id: '4001', name: 'api' },
        change: 'team',
        field: undefined,
        before: null,
        after: `team-${n}`,
        related: { kind: 'team', id: `30${n}`, name: `team-${n}` },
      });
    api.changes = [1, 2, 3, 4, 5, 6].map(ofApi);
    renderOnEntityPage(<EntitySentryGraphCard />, checkout, api);
    const list = await screen.findByRole('list', {
      name: 'Recent changes of api',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent?.replace(/ 1 hour ago.*$/, '')),
    ).toEqual([
      'Project api gained team #team-1',
      'Project api gained team #team-2',
      'Project api gained team #team-3',
      'Project api gained team #team-4',
      'Project api gained team #team-5',
    ]);
    expect(api.changesArgs).toEqual([{ entity: '4001', limit: 5 }]);
  });

  it("shows a group's team's changes, members who joined it among them", async () => {
    const api = new FakeSentryGraphApi();
    api.entities['group:default/backend'] = backendGroup;
    api.changes = [
      change({
        entity: {
          id: '2004',
          name: 'dave@acme.test',
          entityRef: 'user:default/dave',
        },
        change: 'membership',
        field: undefined,
        before: null,
        after: 'admin',
        related: { kind: 'team', id: '3001', name: 'backend' },
      }),
      // Another team's: not asked for.
      change({ related: { kind: 'team', id: '3002', name: 'frontend' } }),
    ];
    renderOnEntityPage(
      <EntitySentryGraphGroupCard />,
      catalogEntity('Group', 'backend'),
      api,
    );
    const list = await screen.findByRole('list', {
      name: 'Recent changes of #backend',
    });
    expect(within(list).getByRole('listitem')).toHaveTextContent(
      /^dave@acme\.test joined #backend as admin/,
    );
    expect(
      within(list).getByRole('link', { name: 'dave@acme.test' }),
    ).toHaveAttribute('href', '/catalog/default/user/dave');
  });

  it('says none are recorded when the project has none', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/checkout-api'] = checkoutApi;
    renderOnEntityPage(<EntitySentryGraphCard />, checkout, api);
    const project = await screen.findByTestId('sentry-graph-entity-project');
    expect(await within(project).findByText('None recorded.')).toBeVisible();
  });

  it('leaves the section out when the history is turned off', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/checkout-api'] = checkoutApi;
    api.changesAnswer = failWith(
      await responseError(404, 'The change history is turned off'),
    );
    renderOnEntityPage(<EntitySentryGraphCard />, checkout, api);
    const project = await screen.findByTestId('sentry-graph-entity-project');
    await waitFor(() => expect(api.calls.changes).toBe(1));
    await waitFor(() =>
      expect(project).not.toHaveTextContent('Recent changes'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows an error reading the changes by its message, and the rest of the card', async () => {
    const api = new FakeSentryGraphApi();
    api.entities['component:default/checkout-api'] = checkoutApi;
    api.changesAnswer = failWith(
      await responseError(503, "The plugin's database does not answer"),
    );
    renderOnEntityPage(<EntitySentryGraphCard />, checkout, api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "The changes could not be readThe plugin's database does not answer (HTTP 503)",
    );
    expect(screen.getByTestId('sentry-graph-entity-project')).toHaveTextContent(
      'Alert rules: 3, 1 disabled',
    );
  });
});
