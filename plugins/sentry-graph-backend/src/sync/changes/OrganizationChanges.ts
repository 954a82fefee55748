import type {
  GraphChangeKind,
  GraphChangeValue,
} from '@sentry-graph/plugin-sentry-graph-common';
import type {
  ChangeSink,
  RemovedNodeRow,
  RemovedRelationshipRow,
  WrittenNodeRow,
  WrittenRelationshipRow,
} from '../../graph/changeRows';
import { nodeChangesByLabel } from '../../graph/schema';
import type {
  NodeChanges,
  RelationshipSpec,
  TrackedProperty,
} from '../../graph/spec';
import type { RecordedChange } from './RunChanges';

/** Where an organization's changes go: the run's hand-off. */
export interface ChangeHandoff {
  push(change: RecordedChange): void;
}

/** What one release-count row counts: `added`, `archived`, … */
type ReleaseCount = string;

/**
 * One organization's changes, from the rows tracked writes and deletions
 * read back. Its first run (`importing`) records one `initial-import`
 * line in place of a line per node: no sink is handed to its writes.
 */
export class OrganizationChanges implements ChangeSink {
  private recordedCount = 0;
  private readonly releaseCounts = new Map<ReleaseCount, number>();

  constructor(
    private readonly run: ChangeHandoff,
    private readonly organization: { id: string; slug: string },
    readonly importing: boolean,
  ) {}

  /** The changes recorded for the organization so far. */
  get recorded(): number {
    return this.recordedCount;
  }

  /** The sink its writes report to: none while importing. */
  get sink(): ChangeSink | undefined {
    return this.importing ? undefined : this;
  }

  nodesWritten(changes: NodeChanges, rows: WrittenNodeRow[]): void {
    for (const row of rows) {
      if (changes.counted) {
        this.countRelease(changes, row);
        continue;
      }
      const entity = { id: row.id, name: row.name };
      if (row.created) {
        this.push({
          kind: changes.kind,
          entity,
          change: 'added',
          ...addedValue(changes, row),
        });
        continue;
      }
      for (const { name, property, shown } of trackedChanges(
        changes.tracked,
        row,
      ))
        this.push({
          kind: changes.kind,
          entity,
          change: property.change,
          field: name,
          ...shown,
        });
    }
  }

  nodesRemoved(
    changes: NodeChanges,
    rows: RemovedNodeRow[],
    count: number,
  ): void {
    if (changes.counted) {
      this.count('removed', count);
      return;
    }
    for (const row of rows)
      this.push({
        kind: changes.kind,
        entity: { id: row.id, name: row.name },
        change: 'removed',
      });
  }

  relationshipsWritten(
    spec: RelationshipSpec<never>,
    rows: WrittenRelationshipRow[],
  ): void {
    const changes = spec.changes;
    if (!changes) return;
    for (const row of rows) {
      if (row.created) {
        this.push({
          ...this.relationshipChange(spec, row),
          change: changes.change,
          before: null,
          after: relationshipValue(spec, row, row.after),
        });
        continue;
      }
      for (const { name, property, shown } of trackedChanges(
        changes.tracked,
        row,
      ))
        this.push({
          ...this.relationshipChange(spec, row),
          change: property.change,
          field: name,
          ...shown,
        });
    }
  }

  relationshipsRemoved(
    spec: RelationshipSpec<never>,
    rows: RemovedRelationshipRow[],
  ): void {
    const changes = spec.changes;
    if (!changes) return;
    for (const row of rows)
      this.push({
        ...this.relationshipChange(spec, row),
        change: changes.change,
        before: relationshipValue(spec, row, row.before),
        after: null,
      });
  }

  /**
   * At the organization's end: the release counts, and the one line of
   * an import (`written`: the nodes and relationships it wrote).
   */
  finish(written: number): number {
    if (this.importing) {
      this.push({
        kind: 'organization',
        entity: { id: this.organization.id, name: this.organization.slug },
        change: 'initial-import',
        field: 'written',
        before: null,
        after: written,
      });
    }
    for (const [field, count] of this.releaseCounts)
      this.push({
        kind: 'release',
        entity: { id: this.organization.id, name: this.organization.slug },
        change: 'count',
        field,
        before: null,
        after: count,
      });
    this.releaseCounts.clear();
    return this.recordedCount;
  }

  private countRelease(changes: NodeChanges, row: WrittenNodeRow): void {
    if (row.created) {
      this.count('added', 1);
      return;
    }
    for (const { shown } of trackedChanges(changes.tracked, row))
      if (typeof shown.after === 'string') this.count(shown.after, 1);
  }

  private count(what: ReleaseCount, by: number): void {
    this.releaseCounts.set(what, (this.releaseCounts.get(what) ?? 0) + by);
  }

  private relationshipChange(
    spec: RelationshipSpec<never>,
    row: WrittenRelationshipRow | RemovedRelationshipRow,
  ): Pick<RecordedChange, 'kind' | 'entity' | 'related'> {
    return {
      kind: kindOf(spec.fromLabel),
      entity: { id: row.from, name: row.fromName },
      related: { kind: kindOf(spec.toLabel), id: row.to, name: row.toName },
    };
  }

  private push(change: Omit<RecordedChange, 'organization'>): void {
    this.recordedCount += 1;
    this.run.push({ organization: this.organization, ...change });
  }
}

function kindOf(label: string): GraphChangeKind {
  return nodeChangesByLabel.get(label)?.kind ?? 'organization';
}

/** MEMBER_OF's role, or the end's name (a project's team). */
function relationshipValue(
  spec: RelationshipSpec<never>,
  row: WrittenRelationshipRow | RemovedRelationshipRow,
  values: GraphChangeValue[],
): GraphChangeValue {
  const property = spec.changes?.value;
  if (!property) return row.toName ?? row.to;
  return trackedValue(spec.changes?.tracked ?? {}, property, values);
}

/** Tracked property `name`'s value in `values` (a row's before or after). */
function trackedValue(
  tracked: Readonly<Record<string, TrackedProperty>>,
  name: string,
  values: GraphChangeValue[],
): GraphChangeValue {
  const k = Object.keys(tracked).indexOf(name);
  return k >= 0 ? (values[k] ?? null) : null;
}

/** The tracked properties a written row changed, each as recorded. */
function* trackedChanges(
  tracked: Readonly<Record<string, TrackedProperty>>,
  row: { before: GraphChangeValue[]; after: GraphChangeValue[] },
) {
  const names = Object.keys(tracked);
  for (const [k, name] of names.entries()) {
    const property = tracked[name];
    const shown = shownChange(property, row.before[k], row.after[k]);
    if (shown) yield { name, property, shown };
  }
}

/** An added node's `addedValue` property (a member's role), as `field` and `after`. */
function addedValue(
  changes: NodeChanges,
  row: WrittenNodeRow,
): Pick<RecordedChange, 'field' | 'before' | 'after'> {
  const name = changes.addedValue;
  if (!name) return {};
  return {
    field: name,
    before: null,
    after: trackedValue(changes.tracked, name, row.after),
  };
}

/**
 * A tracked property's change as recorded, or undefined where it is none:
 * equal values, or a first value of a property that does not count one.
 */
export function shownChange(
  property: TrackedProperty,
  before: GraphChangeValue | undefined,
  after: GraphChangeValue | undefined,
): { before: GraphChangeValue; after: GraphChangeValue } | undefined {
  const was = before ?? null;
  const is = after ?? null;
  if (was === is) return undefined;
  if (was === null && property.fromAbsent === false) return undefined;
  const shown = (value: GraphChangeValue) =>
    value === null ? null : (property.shownAs?.[String(value)] ?? value);
  return { before: shown(was), after: shown(is) };
}
