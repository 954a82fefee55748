import type { Record as Neo4jRecord } from 'neo4j-driver';

/** A count a statement returned; 0 when it returned no row. */
export function numberField(
  record: Neo4jRecord | undefined,
  key: string,
): number {
  const value: unknown = record?.get(key);
  return typeof value === 'number' ? value : 0;
}
