import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Link from '@material-ui/core/Link';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type {
  GraphChangeEntity,
  GraphChangeKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import { entityLabel } from '../../lib/changeWords';

/** Its page in Sentry, opened in a new tab. */
function SentryLink(props: { url: string; label: string; icon: boolean }) {
  return (
    <Link
      href={props.url}
      target="_blank"
      rel="noopener noreferrer"
      title={`${props.label} in Sentry`}
      aria-label={props.icon ? `${props.label} in Sentry` : undefined}
    >
      {props.icon ? (
        <OpenInNewIcon
          fontSize="inherit"
          style={{ verticalAlign: 'middle', marginLeft: 2 }}
        />
      ) : (
        props.label
      )}
    </Link>
  );
}

/**
 * An entity a change names: its name linked to the catalog entity linked
 * to it, then an icon linking to its page in Sentry; the name links to
 * Sentry where no catalog entity is linked. A removed entity has neither:
 * its name stays.
 */
export function ChangeEntityLink(props: {
  entity: GraphChangeEntity;
  kind: GraphChangeKind;
}) {
  const { entity, kind } = props;
  const label = entityLabel(entity, kind);
  if (!entity.entityRef) {
    return entity.url ? (
      <SentryLink url={entity.url} label={label} icon={false} />
    ) : (
      <>{label}</>
    );
  }
  return (
    <>
      <EntityRefLink entityRef={entity.entityRef} title={label} />
      {entity.url && <SentryLink url={entity.url} label={label} icon />}
    </>
  );
}
