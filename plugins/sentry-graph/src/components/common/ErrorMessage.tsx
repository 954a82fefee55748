import Typography from '@material-ui/core/Typography';
import { errorMessage } from '../../lib/errors';
import { ToneIcon } from './ToneIcon';

/** An error as one readable sentence (the server's message, never a stack). */
export function ErrorMessage(props: { title: string; error: unknown }) {
  return (
    <div role="alert">
      <Typography variant="subtitle2" component="p">
        <ToneIcon tone="error" /> {props.title}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {errorMessage(props.error)}
      </Typography>
    </div>
  );
}
