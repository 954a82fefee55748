import { useTheme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import SyncIcon from '@material-ui/icons/Sync';
import WarningIcon from '@material-ui/icons/Warning';
import type { StatusTone } from '../../lib/cardStatus';

const ICONS = {
  ok: CheckCircleIcon,
  running: SyncIcon,
  warning: WarningIcon,
  error: ErrorIcon,
};

/**
 * A status icon whose shape differs per tone, coloured from the theme (so
 * it reads in the light and the dark theme). Decorative: the words beside
 * it carry the status.
 */
export function ToneIcon(props: {
  tone: StatusTone;
  fontSize?: 'small' | 'inherit';
}) {
  const theme = useTheme();
  const colors: Record<StatusTone, string> = {
    ok: theme.palette.success.main,
    running: theme.palette.info.main,
    warning: theme.palette.warning.main,
    error: theme.palette.error.main,
  };
  const Icon = ICONS[props.tone];
  return (
    <Icon
      aria-hidden
      fontSize={props.fontSize ?? 'small'}
      style={{ color: colors[props.tone], verticalAlign: 'text-bottom' }}
    />
  );
}
