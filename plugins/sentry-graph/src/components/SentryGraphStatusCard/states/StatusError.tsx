import { ErrorMessage } from '../../common/ErrorMessage';

/** The backend answered /status with an error (not signed in, not allowed, a server error). */
export function StatusError(props: { error: unknown }) {
  return (
    <div data-testid="sentry-graph-status-error">
      <ErrorMessage
        title="The sync status could not be read"
        error={props.error}
      />
    </div>
  );
}
