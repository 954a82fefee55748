import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  Finding,
  FindingItem,
} from '@sentry-graph/plugin-sentry-graph-common';
import { formatCount } from '../../lib/time';
import { ToneIcon } from '../common/ToneIcon';

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
  const rest = finding.count - finding.items.length;
  return (
    <Accordion
      disabled={finding.count === 0}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={finding.count > 0 ? <ExpandMoreIcon /> : undefined}
      >
        <Typography variant="body2">
          {flagged && <ToneIcon tone="warning" />} {label}:{' '}
          <strong>{formatCount(finding.count)}</strong>
          {flagged && ' (the organization requires 2FA)'}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <div>
          <ul style={{ margin: 0, paddingLeft: 20 }} aria-label={label}>
            {finding.items.map(item => (
              <li key={item.id}>
                <Typography variant="body2" component="span">
                  <ItemLink item={item} />
                </Typography>
              </li>
            ))}
          </ul>
          {rest > 0 && (
            <Typography variant="caption" color="textSecondary">
              and {formatCount(rest)} more (query Neo4j for the full list)
            </Typography>
          )}
        </div>
      </AccordionDetails>
    </Accordion>
  );
}
