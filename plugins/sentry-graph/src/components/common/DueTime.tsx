import { RelativeTime } from './RelativeTime';

/**
 * "Next sync due in 25 minutes." A time just past means the scheduler is
 * about to start it: "due now".
 */
export function DueTime(props: { what: string; iso: string }) {
  if (Date.parse(props.iso) <= Date.now())
    return <>Next {props.what} due now.</>;
  return (
    <>
      Next {props.what} due <RelativeTime iso={props.iso} />.
    </>
  );
}
