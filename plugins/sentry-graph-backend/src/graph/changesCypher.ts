/*
 * The parts of the write and cleanup statements that read back what they
 * changed, for the change history: a tracked write keeps its tracked
 * properties as they were, and returns only the rows it created or whose
 * tracked values it changed, in the same transaction as the write (no
 * extra round trip, nothing read that was not written).
 */
import { quote } from './cypher';

/** `[v.a, v.b]`: the tracked values of `variable`, in declaration order. */
export function trackedValues(
  variable: string,
  names: readonly string[],
): string {
  return `[${names.map(name => `${variable}.${quote(name)}`).join(', ')}]`;
}

/**
 * True when `before` and `after` (lists of one length) differ anywhere,
 * a null against a value included.
 */
const differs =
  'any(k IN range(0, size(before) - 1) WHERE ' +
  'NOT coalesce(before[k] = after[k], before[k] IS NULL AND after[k] IS NULL))';

/**
 * Before the SET: whether the MERGE created the entity (the run stamps
 * `lastupdated` in its SET, so only a new one lacks it) and its tracked
 * values. `carry` names what later clauses still need.
 */
export function beforeWrite(
  variable: string,
  names: readonly string[],
  carry: readonly string[],
): string {
  return (
    `WITH ${[...carry, variable].join(', ')}, ${variable}.lastupdated IS NULL AS created, ` +
    `${trackedValues(variable, names)} AS before`
  );
}

/** After the SET: the count written, and the rows `row` describes that changed. */
export function returnWrittenChanges(
  variable: string,
  names: readonly string[],
  carry: readonly string[],
  row: string,
): string[] {
  return [
    `WITH ${[...carry, variable].join(', ')}, created, before, ${trackedValues(variable, names)} AS after`,
    `RETURN count(${variable}) AS written,`,
    `  collect(CASE WHEN created OR ${differs} THEN {${row}, created: created, before: before, after: after} END) AS changes`,
  ];
}

/** The start and end of a relationship by id and name, as a map's entries. */
export function relationshipEnds(fromName: string, toName: string): string {
  return `from: a.id, fromName: a.${quote(fromName)}, to: b.id, toName: b.${quote(toName)}`;
}
