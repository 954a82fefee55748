import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { ReactNode } from 'react';
import { formatCount } from '../../lib/time';
import { ToneIcon } from './ToneIcon';

/**
 * A name and a count that opens to its first items: the card's findings
 * and its "since yesterday" groups. Nothing to open when the count is 0.
 */
export function CountedAccordion(props: {
  label: string;
  count: number;
  /** Items listed: the rest are counted below them, with `moreHint`. */
  shown: number;
  /** Marked with a warning icon, and `flagNote` after the count. */
  flagged?: boolean;
  flagNote?: string;
  moreHint: string;
  /** The items, as `li` elements. */
  children: ReactNode;
}) {
  const { label, count, flagged } = props;
  const rest = count - props.shown;
  return (
    <Accordion disabled={count === 0} TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary expandIcon={count > 0 ? <ExpandMoreIcon /> : undefined}>
        <Typography variant="body2">
          {flagged && <ToneIcon tone="warning" />} {label}:{' '}
          <strong>{formatCount(count)}</strong>
          {flagged && props.flagNote && ` ${props.flagNote}`}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <div>
          <ul style={{ margin: 0, paddingLeft: 20 }} aria-label={label}>
            {props.children}
          </ul>
          {rest > 0 && (
            <Typography variant="caption" color="textSecondary">
              and {formatCount(rest)} more ({props.moreHint})
            </Typography>
          )}
        </div>
      </AccordionDetails>
    </Accordion>
  );
}
