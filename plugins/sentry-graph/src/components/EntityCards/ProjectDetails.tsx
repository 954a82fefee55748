import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { EntityProject } from '@sentry-graph/plugin-sentry-graph-common';
import { formatCount } from '../../lib/time';
import { RelativeTime } from '../common/RelativeTime';
import { PersonLabel } from './PersonLabel';
import { RecentChanges } from './RecentChanges';
import { SentryItemSection } from './SentryItemSection';

const VIA_LABELS = {
  owner: 'owner',
  manager: 'manager',
  'team admin': 'team admin',
};
/** Admins listed on the card; the rest are counted (those without 2FA come first). */
const SHOWN_ADMINS = 10;

/**
 * One Sentry project of a component: teams and their groups, rules, newest
 * release, who administers it, and its last changes.
 */
export function ProjectDetails(props: { project: EntityProject }) {
  const { project } = props;
  const { alertRules, admins } = project;
  return (
    <SentryItemSection
      label={`Sentry project ${project.slug}`}
      testId="sentry-graph-entity-project"
      url={project.url}
      title={`${project.organization}/${project.slug}`}
    >
      <Typography variant="body2" component="div">
        <strong>Teams:</strong>{' '}
        {project.teams.length === 0
          ? 'none (no team owns this project in Sentry)'
          : project.teams.map((team, i) => (
              <span key={team.id}>
                {i > 0 && ', '}
                <Link href={team.url} target="_blank" rel="noopener noreferrer">
                  #{team.slug}
                </Link>
                {team.groups.length > 0 && ' ('}
                {team.groups.map((group, j) => (
                  <span key={group}>
                    {j > 0 && ', '}
                    <EntityRefLink entityRef={group} />
                  </span>
                ))}
                {team.groups.length > 0 && ')'}
              </span>
            ))}
      </Typography>
      <Typography variant="body2">
        <strong>Alert rules:</strong> {formatCount(alertRules.total)}
        {alertRules.disabled > 0 &&
          `, ${formatCount(alertRules.disabled)} disabled`}
        {alertRules.total === 0 && ' (nothing alerts on its issues)'}
      </Typography>
      <Typography variant="body2">
        <strong>Newest release:</strong>{' '}
        {project.newestRelease ? (
          <>
            <Link
              href={project.newestRelease.url}
              target="_blank"
              rel="noopener noreferrer"
            >
              {project.newestRelease.version}
            </Link>
            {project.newestRelease.dateCreated && (
              <>
                {', '}
                <RelativeTime iso={project.newestRelease.dateCreated} />
              </>
            )}
          </>
        ) : (
          'none'
        )}
      </Typography>
      <Typography variant="body2" component="div">
        <strong>Who can administer it in Sentry</strong> (
        {formatCount(admins.count)}
        {admins.withoutTwoFactor > 0 &&
          `, ${formatCount(admins.withoutTwoFactor)} without 2FA`}
        ):
        <ul
          aria-label={`Administrators of ${project.slug}`}
          style={{ margin: '4px 0', paddingLeft: 20 }}
        >
          {admins.items.slice(0, SHOWN_ADMINS).map(admin => (
            <li key={admin.id ?? admin.email}>
              <PersonLabel person={admin} /> — {VIA_LABELS[admin.via]}
            </li>
          ))}
        </ul>
        {admins.count > SHOWN_ADMINS && (
          <Typography variant="caption" color="textSecondary">
            and {formatCount(admins.count - SHOWN_ADMINS)} more (the teams and
            the organization's members in Sentry list them all)
          </Typography>
        )}
      </Typography>
      <RecentChanges nodeId={project.id} name={project.slug} />
    </SentryItemSection>
  );
}
