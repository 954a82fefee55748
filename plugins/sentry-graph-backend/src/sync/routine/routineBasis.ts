import { GRAPH_SCHEMA_VERSION } from '../../graph/schema';
import type {
  OrganizationSyncState,
  StoredMember,
  StoredTeam,
} from '../../graph/RoutineQueries';
import type { SentryGraphStore } from '../../graph/SentryGraphStore';
import type { SyncRunKind } from '../types';

/** What a routine run of one organization compares Sentry's listings with. */
export interface RoutineBasis {
  state: OrganizationSyncState;
  /** Each team as the graph has it: when its members were last listed, and their count then. */
  teams: ReadonlyMap<string, StoredTeam>;
  /** Each member as the graph has it: what decides its team roles. */
  members: ReadonlyMap<string, StoredMember>;
}

export interface OrganizationKind {
  kind: SyncRunKind;
  /** No run before completed a full one of it: this run imports it. */
  importing: boolean;
  /** Why a routine run asked for is full here. */
  reason?: string;
  routine?: RoutineBasis;
}

/**
 * The kind of one organization's run. A routine run relies on a full run
 * before it, written by this schema version: without one it is full.
 */
export async function organizationKind(
  store: SentryGraphStore,
  organizationId: string,
  asked: SyncRunKind,
): Promise<OrganizationKind> {
  const state = await store.routine.syncState(organizationId);
  const importing = state.fullSynced === undefined;
  if (asked === 'full') return { kind: 'full', importing };
  if (importing) {
    return {
      kind: 'full',
      importing,
      reason: 'the graph holds no complete full run of it yet',
    };
  }
  if (state.schemaVersion !== GRAPH_SCHEMA_VERSION) {
    return {
      kind: 'full',
      importing,
      reason: `its last full run wrote graph schema version ${state.schemaVersion ?? 'unknown'}, and this version writes ${GRAPH_SCHEMA_VERSION}`,
    };
  }
  const [teams, members] = await Promise.all([
    store.routine.storedTeams(organizationId),
    store.routine.storedMembers(organizationId),
  ]);
  return {
    kind: 'routine',
    importing,
    routine: { state, teams, members },
  };
}
