import { EntitySentryCardFrame } from './EntitySentryCardFrame';
import { ProjectDetails } from './ProjectDetails';

/**
 * A component's Sentry project on its entity page: the teams on it, its
 * alert rules, the newest release, who can administer it and their 2FA,
 * its last changes, and what looks wrong.
 *
 * @public
 */
export function EntitySentryGraphCard() {
  return (
    <EntitySentryCardFrame
      title="Sentry"
      testId="sentry-graph-entity-card"
      items={data => data.projects}
      renderItem={project => <ProjectDetails project={project} />}
    />
  );
}
