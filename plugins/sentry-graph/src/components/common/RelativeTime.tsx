import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { exactTime, relativeTime } from '../../lib/time';

/**
 * "5 minutes ago", with the exact local time on hover, and read out after
 * it by screen readers.
 */
export function RelativeTime(props: { iso: string }) {
  const exact = exactTime(props.iso);
  return (
    <Tooltip title={exact}>
      <time dateTime={props.iso}>
        {relativeTime(props.iso)}
        <Typography variant="srOnly"> ({exact})</Typography>
      </time>
    </Tooltip>
  );
}
