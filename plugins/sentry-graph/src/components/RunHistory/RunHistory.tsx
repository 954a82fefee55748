import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import { useRunHistory } from '../../hooks/useRunHistory';
import { ErrorMessage } from '../common/ErrorMessage';
import { RunDetails } from './RunDetails';
import { RunHistoryTable } from './RunHistoryTable';

const PAGE_SIZE = 10;

/** The run history, newest first, paged, with one run's details on demand. */
export function RunHistory(props: { version?: string }) {
  const { page, older, newer, pageNumber } = useRunHistory(
    PAGE_SIZE,
    props.version,
  );
  const [selected, setSelected] = useState<string>();
  return (
    <InfoCard title="Run history" variant="gridItem">
      {page.error && (
        <ErrorMessage
          title="The run history could not be read"
          error={page.error}
        />
      )}
      {page.value && (
        <RunHistoryTable
          runs={page.value.runs}
          selectedId={selected}
          onSelect={setSelected}
        />
      )}
      <div
        style={{ display: 'flex', gap: 8, marginTop: 8, alignItems: 'center' }}
      >
        <Button size="small" disabled={pageNumber === 1} onClick={newer}>
          Newer runs
        </Button>
        <Button size="small" disabled={!page.value?.hasOlder} onClick={older}>
          Older runs
        </Button>
        <span aria-live="polite">Page {pageNumber}</span>
      </div>
      {selected && (
        <RunDetails runId={selected} onClose={() => setSelected(undefined)} />
      )}
    </InfoCard>
  );
}
