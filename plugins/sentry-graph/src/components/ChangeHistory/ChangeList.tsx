import { InfoCard, Progress } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import {
  CHANGE_PAGE_SIZE,
  useChangeList,
  type ChangeFilters as Filters,
} from '../../hooks/useChangeList';
import { useOrganizationSlugs } from '../../hooks/useOrganizationSlugs';
import { ErrorMessage } from '../common/ErrorMessage';
import { RunDetails } from '../RunHistory/RunDetails';
import { ChangeFilters } from './ChangeFilters';
import { ChangeTable } from './ChangeTable';
import { isChangeHistoryOff } from './isChangeHistoryOff';
import { ChangeHistoryOff } from './states/ChangeHistoryOff';

const INITIAL: Filters = { period: '7d' };

/**
 * The page's change list: what each run changed in the graph, filtered by
 * organization, kind, change and how far back, newest first, a page more
 * at a time. `version` reads it again from the top, e.g. when a run ends.
 */
export function ChangeList(props: { version?: string }) {
  const [filters, setFilters] = useState<Filters>(INITIAL);
  const list = useChangeList(filters, props.version);
  const known = useOrganizationSlugs();
  const [selectedRun, setSelectedRun] = useState<string>();
  const off = isChangeHistoryOff(list.error);
  // The summary's organizations, and any a change names that it does not.
  const organizations = [
    ...new Set([...known, ...list.changes.map(c => c.organization.slug)]),
  ];
  return (
    <div data-testid="sentry-graph-change-list" style={{ height: '100%' }}>
      <InfoCard title="Change history" variant="gridItem">
        {off ? (
          <ChangeHistoryOff />
        ) : (
          <>
            <ChangeFilters
              filters={filters}
              organizations={organizations}
              onChange={setFilters}
            />
            {list.loading && <Progress aria-label="Reading the changes" />}
            {list.error !== undefined && (
              <ErrorMessage
                title="The changes could not be read"
                error={list.error}
              />
            )}
            {!list.loading &&
              list.error === undefined &&
              list.changes.length === 0 && (
                <Typography
                  variant="body2"
                  data-testid="sentry-graph-no-changes"
                >
                  No changes match these filters.
                </Typography>
              )}
            {list.changes.length > 0 && (
              <ChangeTable
                changes={list.changes}
                onSelectRun={setSelectedRun}
              />
            )}
            <div
              style={{
                display: 'flex',
                gap: 8,
                marginTop: 8,
                alignItems: 'center',
              }}
            >
              <Button
                size="small"
                disabled={!list.hasMore || list.loadingMore}
                onClick={list.loadMore}
              >
                {list.loadingMore
                  ? 'Loading…'
                  : `Load ${CHANGE_PAGE_SIZE} more`}
              </Button>
              <span aria-live="polite">
                {list.changes.length} shown{list.hasMore ? ', more older' : ''}
              </span>
            </div>
          </>
        )}
        {selectedRun && (
          <RunDetails
            runId={selectedRun}
            onClose={() => setSelectedRun(undefined)}
          />
        )}
      </InfoCard>
    </div>
  );
}
