import Typography from '@material-ui/core/Typography';
import type {
  EntityPerson,
  EntityTeam,
} from '@sentry-graph/plugin-sentry-graph-common';
import { formatCount } from '../../lib/time';
import { EntitySentryCardFrame } from './EntitySentryCardFrame';
import { PersonLabel } from './PersonLabel';
import { RecentChanges } from './RecentChanges';
import { SentryItemSection } from './SentryItemSection';

function PeopleList(props: {
  title: string;
  people: EntityPerson[];
  empty: string;
}) {
  return (
    <Typography variant="body2" component="div">
      <strong>{props.title}</strong> ({formatCount(props.people.length)})
      {props.people.length === 0 ? (
        <div>{props.empty}</div>
      ) : (
        <ul
          aria-label={props.title}
          style={{ margin: '4px 0', paddingLeft: 20 }}
        >
          {props.people.map(person => (
            <li key={person.entityRef ?? person.id}>
              <PersonLabel person={person} />
            </li>
          ))}
        </ul>
      )}
    </Typography>
  );
}

function TeamComparison(props: { team: EntityTeam }) {
  const { team } = props;
  return (
    <SentryItemSection
      label={`Sentry team ${team.slug}`}
      testId="sentry-graph-entity-team"
      url={team.url}
      title={`${team.organization}/#${team.slug}`}
    >
      <PeopleList
        title="Team admins"
        people={team.admins}
        empty="None joined as admin."
      />
      <Typography variant="caption" color="textSecondary" component="p">
        Besides them, {formatCount(team.ownersAndManagers)} owner(s) and
        manager(s) of the organization administer every team.
      </Typography>
      <PeopleList
        title="In the group and on the team"
        people={team.inBoth}
        empty="Nobody."
      />
      <PeopleList
        title="In the group, not on the team"
        people={team.onlyInCatalog}
        empty="Nobody."
      />
      <PeopleList
        title="On the team, not in the group"
        people={team.onlyInSentry}
        empty="Nobody."
      />
      <RecentChanges nodeId={team.id} name={`#${team.slug}`} />
    </SentryItemSection>
  );
}

/**
 * A group compared with its Sentry team on the group's page: who is in one
 * and not the other, the team's admins, and its last changes.
 *
 * @public
 */
export function EntitySentryGraphGroupCard() {
  return (
    <EntitySentryCardFrame
      title="Sentry team"
      testId="sentry-graph-group-card"
      items={data => data.teams}
      renderItem={team => <TeamComparison team={team} />}
    />
  );
}
