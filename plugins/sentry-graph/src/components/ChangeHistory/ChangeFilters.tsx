import TextField from '@material-ui/core/TextField';
import {
  GRAPH_CHANGE_KINDS,
  GRAPH_CHANGE_NAMES,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { ChangeFilters as Filters } from '../../hooks/useChangeList';
import { CHANGE_PERIODS } from '../../lib/changePeriods';
import { CHANGE_KIND_LABELS, CHANGE_NAME_LABELS } from '../../lib/labels';

/** A labelled native select: every browser and screen reader knows it. */
function FilterSelect(props: {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      select
      // The id ties the label to the select.
      id={`sentry-graph-changes-${props.label.toLowerCase()}`}
      label={props.label}
      value={props.value}
      onChange={event => props.onChange(event.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      size="small"
      variant="outlined"
      style={{ minWidth: 180 }}
    >
      {props.options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

const ALL = '';
const KIND_OPTIONS = [
  { value: ALL, label: 'All kinds' },
  ...GRAPH_CHANGE_KINDS.map(k => ({ value: k, label: CHANGE_KIND_LABELS[k] })),
];
const CHANGE_OPTIONS = [
  { value: ALL, label: 'All changes' },
  ...GRAPH_CHANGE_NAMES.map(c => ({ value: c, label: CHANGE_NAME_LABELS[c] })),
];

/** The change list's filters: organization, kind, change and how far back. */
export function ChangeFilters(props: {
  filters: Filters;
  organizations: string[];
  onChange: (filters: Filters) => void;
}) {
  const { filters, onChange } = props;
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <div
      role="group"
      aria-label="Filter the changes"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 12 }}
    >
      <FilterSelect
        label="Organization"
        value={filters.organization ?? ALL}
        options={[
          { value: ALL, label: 'All organizations' },
          ...props.organizations.map(slug => ({ value: slug, label: slug })),
        ]}
        onChange={value => set({ organization: value || undefined })}
      />
      <FilterSelect
        label="Kind"
        value={filters.kind ?? ALL}
        options={KIND_OPTIONS}
        onChange={value =>
          set({ kind: GRAPH_CHANGE_KINDS.find(k => k === value) })
        }
      />
      <FilterSelect
        label="Change"
        value={filters.change ?? ALL}
        options={CHANGE_OPTIONS}
        onChange={value =>
          set({ change: GRAPH_CHANGE_NAMES.find(c => c === value) })
        }
      />
      <FilterSelect
        label="Since"
        value={filters.period}
        options={CHANGE_PERIODS}
        onChange={value => {
          const period = CHANGE_PERIODS.find(p => p.value === value)?.value;
          if (period) set({ period });
        }}
      />
    </div>
  );
}
