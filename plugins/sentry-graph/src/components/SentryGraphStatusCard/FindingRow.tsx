import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type {
  Finding,
  FindingItem,
} from '@sentry-graph/plugin-sentry-graph-common';
import { CountedAccordion } from '../common/CountedAccordion';

function itemText(item: FindingItem): string {
  const name = item.name ?? item.slug ?? item.email ?? item.id;
  const where = item.organization ? `${item.organization}/` : '';
  return item.email && item.email !== name
    ? `${name} <${item.email}>`
    : `${where}${name}`;
}

/** An item's link: its entity page in the portal, or its page in Sentry. */
function ItemLink(props: { item: FindingItem }) {
  const { item } = props;
  if (item.entityRef) {
    return <EntityRefLink entityRef={item.entityRef} title={itemText(item)} />;
  }
  if (item.url) {
    return (
      <Link href={item.url} target="_blank" rel="noopener noreferrer">
        {itemText(item)}
      </Link>
    );
  }
  return <>{itemText(item)}</>;
}

/**
 * One finding: its name and count; opened, its first items, each linked to
 * its page in Sentry where Sentry has one, or to its page in the portal.
 */
export function FindingRow(props: {
  label: string;
  finding: Finding;
  flagged?: boolean;
}) {
  const { label, finding, flagged } = props;
  return (
    <CountedAccordion
      label={label}
      count={finding.count}
      shown={finding.items.length}
      flagged={flagged}
      flagNote="(the organization requires 2FA)"
      moreHint="query Neo4j for the full list"
    >
      {finding.items.map(item => (
        <li key={item.id}>
          <Typography variant="body2" component="span">
            <ItemLink item={item} />
          </Typography>
        </li>
      ))}
    </CountedAccordion>
  );
}
