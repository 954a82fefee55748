/*
 * The catalog join's part of the change history: a member, team or project
 * linked to a catalog entity, or unlinked, recorded as a `catalog` change of
 * the Sentry end. A link that goes with its Sentry entity (the project was
 * deleted) is that entity's removal, recorded by the organization's run.
 */
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { CatalogLink } from '../graph/catalogLinks';
import { linkChangeKind } from '../graph/catalogLinks';
import type { RecordedChange } from '../sync/changes/RunChanges';
import { text } from '../graph/values';

/** Where the join's changes go: the run's hand-off. */
export interface CatalogChangeHandoff {
  push(change: RecordedChange): void;
}

/**
 * Hands on each row a recorded link's statement returned (under `changes`
 * when it made links, `removed` when it broke them).
 */
export function pushLinkChanges(
  handoff: CatalogChangeHandoff | undefined,
  link: CatalogLink,
  record: Neo4jRecord | undefined,
  direction: 'made' | 'broken',
): void {
  if (!handoff || !link.recorded || !record) return;
  const rows: unknown = record.get(
    direction === 'made' ? 'changes' : 'removed',
  );
  if (!Array.isArray(rows)) return;
  for (const row of rows as Array<Record<string, unknown> | null>) {
    const id = text(row?.id);
    const entityRef = text(row?.entityRef);
    const organizationId = text(row?.organizationId);
    // An end without its organization is not one of a synced organization's.
    if (!row || !id || !entityRef || !organizationId) continue;
    handoff.push({
      organization: {
        id: organizationId,
        slug: text(row.organizationSlug) ?? organizationId,
      },
      kind: linkChangeKind(link),
      entity: { id, ...(text(row.name) ? { name: text(row.name) } : {}) },
      change: 'catalog',
      field: 'entityRef',
      before: direction === 'broken' ? entityRef : null,
      after: direction === 'made' ? entityRef : null,
    });
  }
}
