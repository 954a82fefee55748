import type { GraphChange } from '@sentry-graph/plugin-sentry-graph-common';
import { changeSentence } from '../../lib/changeWords';
import { ChangeEntityLink } from './ChangeEntityLink';

/** A change in words, the entities it names linked to Sentry and the catalog. */
export function ChangeSentence(props: { change: GraphChange }) {
  const { change } = props;
  return (
    <>
      {changeSentence(change).map((part, i) => {
        if (typeof part === 'string') return <span key={i}>{part}</span>;
        const entity =
          part.entity === 'entity' ? change.entity : change.related;
        const kind =
          part.entity === 'entity' ? change.kind : change.related?.kind;
        return entity && kind ? (
          <ChangeEntityLink key={i} entity={entity} kind={kind} />
        ) : null;
      })}
    </>
  );
}
