import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** One Sentry project or team on an entity card: a heading that opens it in Sentry, then its details. */
export function SentryItemSection(props: {
  /** The section's accessible name, e.g. "Sentry project checkout". */
  label: string;
  testId: string;
  /** Its page in Sentry. */
  url?: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section aria-label={props.label} data-testid={props.testId}>
      <Typography variant="subtitle1" component="h3">
        <Link href={props.url} target="_blank" rel="noopener noreferrer">
          {props.title}
        </Link>
      </Typography>
      {props.children}
    </section>
  );
}
