import type { Entity } from '@backstage/catalog-model';
import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isSentryProjectAnnotated } from '../components/EntityCards/isSentryProjectAnnotated';

/** On the page of an entity with the sentry.io/project-slug annotation: its Sentry project. */
export const sentryGraphEntityProjectCard = EntityCardBlueprint.make({
  name: 'project',
  params: {
    filter: isSentryProjectAnnotated,
    loader: () =>
      import('../components/EntityCards').then(m =>
        compatWrapper(<m.EntitySentryGraphCard />),
      ),
  },
});

/** On a group's page: the group compared with its Sentry team. */
export const sentryGraphEntityTeamCard = EntityCardBlueprint.make({
  name: 'team',
  params: {
    filter: (entity: Entity) =>
      entity.kind.toLocaleLowerCase('en-US') === 'group',
    loader: () =>
      import('../components/EntityCards').then(m =>
        compatWrapper(<m.EntitySentryGraphGroupCard />),
      ),
  },
});
