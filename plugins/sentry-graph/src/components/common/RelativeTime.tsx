import Tooltip from '@material-ui/core/Tooltip';
import { exactTime, relativeTime } from '../../lib/time';

/** "5 minutes ago", with the exact local time on hover and focus. */
export function RelativeTime(props: { iso: string }) {
  const exact = exactTime(props.iso);
  return (
    <Tooltip title={exact}>
      {/* Focusable so keyboard users get the tooltip too; aria-label gives the exact time to screen readers. */}
      <time
        dateTime={props.iso}
        tabIndex={0}
        aria-label={`${relativeTime(props.iso)} (${exact})`}
      >
        {relativeTime(props.iso)}
      </time>
    </Tooltip>
  );
}
