import Link from '@material-ui/core/Link';
import type { EntityPerson } from '@sentry-graph/plugin-sentry-graph-common';
import { ToneIcon } from '../common/ToneIcon';

/** A member: linked to Sentry, with their 2FA in words (not colour alone). */
export function PersonLabel(props: { person: EntityPerson }) {
  const { person } = props;
  const label =
    person.name ?? person.email ?? person.entityRef ?? person.id ?? '?';
  return (
    <span>
      {person.url ? (
        <Link href={person.url} target="_blank" rel="noopener noreferrer">
          {label}
        </Link>
      ) : (
        label
      )}
      {person.email && person.email !== label && ` <${person.email}>`}
      {person.has2fa === false && (
        <>
          {' '}
          <ToneIcon tone="warning" /> no 2FA
        </>
      )}
    </span>
  );
}
