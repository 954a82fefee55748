import neo4j, { type QueryResult } from 'neo4j-driver';
import {
  listingSizesStatement,
  markAlertRulesListedStatement,
  markAuditLogReadStatement,
  markFullSyncedStatement,
  markTeamMembersListedStatement,
  readSyncStateStatement,
  storedMemberRolesStatement,
  storedTeamsStatement,
  teamsOfMembersStatement,
} from './routineCypher';
import { projectNode, teamNode, userNode } from './schema';
import type { WriteScope } from './SentryGraphStore';

/** What the graph says about an organization's last runs. */
export interface OrganizationSyncState {
  fullSynced?: number;
  schemaVersion?: number;
  alertRulesListed?: number;
  alertRulesSource?: string;
  auditLogRead?: number;
}

/** How many items of each listing the graph holds: what a listing is expected to give. */
export interface ListingSizes {
  members?: number;
  teams?: number;
  projects?: number;
  releases: { open?: number; archived?: number };
}

export interface StoredTeam {
  /** Sentry's member count when the team's member listing was last read whole. */
  listedCount?: number;
  /** The update tag of that run. */
  membersListed?: number;
}

/** A team whose member listing a run read whole, with the count the teams listing gave. */
export interface ListedTeam {
  id: string;
  memberCount?: number | null;
}

export interface StoredMember {
  role?: string;
  pending?: boolean;
}

interface QueryRunner {
  read(cypher: string, params: Record<string, unknown>): Promise<QueryResult>;
  write(cypher: string, params: Record<string, unknown>): Promise<QueryResult>;
}

const optionalNumber = (value: unknown) =>
  typeof value === 'number' ? value : undefined;
const optionalString = (value: unknown) =>
  typeof value === 'string' ? value : undefined;

/**
 * The graph side of routine runs (routineCypher.ts), and the listing sizes
 * every run reads so as not to ask for pages past them.
 */
export class RoutineQueries {
  constructor(private readonly runner: QueryRunner) {}

  async syncState(organizationId: string): Promise<OrganizationSyncState> {
    const result = await this.runner.read(readSyncStateStatement, {
      organizationId,
    });
    const record = result.records[0];
    if (!record) return {};
    return {
      fullSynced: optionalNumber(record.get('fullSynced')),
      schemaVersion: optionalNumber(record.get('schemaVersion')),
      alertRulesListed: optionalNumber(record.get('alertRulesListed')),
      alertRulesSource: optionalString(record.get('alertRulesSource')),
      auditLogRead: optionalNumber(record.get('auditLogRead')),
    };
  }

  async markFullSynced(scope: WriteScope, schemaVersion: number) {
    await this.runner.write(markFullSyncedStatement, {
      organizationId: scope.organizationId,
      updateTag: neo4j.int(scope.updateTag),
      schemaVersion: neo4j.int(schemaVersion),
    });
  }

  async markAlertRulesListed(scope: WriteScope, source: string) {
    await this.runner.write(markAlertRulesListedStatement, {
      organizationId: scope.organizationId,
      updateTag: neo4j.int(scope.updateTag),
      source,
    });
  }

  async listingSizes(organizationId: string): Promise<ListingSizes> {
    const result = await this.runner.read(listingSizesStatement, {
      organizationId,
    });
    const sizes: ListingSizes = { releases: {} };
    for (const record of result.records) {
      const count = optionalNumber(record.get('count'));
      const label: unknown = record.get('label');
      const status: unknown = record.get('status');
      if (label === userNode.label) sizes.members = count;
      else if (label === teamNode.label) sizes.teams = count;
      else if (label === projectNode.label) sizes.projects = count;
      else if (status === 'open' || status === 'archived')
        sizes.releases[status] = count;
    }
    return sizes;
  }

  async markAuditLogRead(scope: WriteScope) {
    await this.runner.write(markAuditLogReadStatement, {
      organizationId: scope.organizationId,
      updateTag: neo4j.int(scope.updateTag),
    });
  }

  async storedTeams(organizationId: string): Promise<Map<string, StoredTeam>> {
    const result = await this.runner.read(storedTeamsStatement, {
      organizationId,
    });
    return new Map(
      result.records.map(record => [
        String(record.get('id')),
        {
          listedCount: optionalNumber(record.get('listedCount')),
          membersListed: optionalNumber(record.get('membersListed')),
        },
      ]),
    );
  }

  async markTeamMembersListed(
    teams: readonly ListedTeam[],
    scope: Pick<WriteScope, 'updateTag'>,
  ) {
    if (teams.length === 0) return;
    await this.runner.write(markTeamMembersListedStatement, {
      teams: teams.map(team => ({
        id: team.id,
        memberCount: team.memberCount ?? null,
      })),
      updateTag: neo4j.int(scope.updateTag),
    });
  }

  async storedMembers(
    organizationId: string,
  ): Promise<Map<string, StoredMember>> {
    const result = await this.runner.read(storedMemberRolesStatement, {
      organizationId,
    });
    return new Map(
      result.records.map(record => {
        const pending: unknown = record.get('pending');
        return [
          String(record.get('id')),
          {
            role: optionalString(record.get('role')),
            pending: typeof pending === 'boolean' ? pending : undefined,
          },
        ];
      }),
    );
  }

  async teamsOfMembers(memberIds: readonly string[]): Promise<string[]> {
    if (memberIds.length === 0) return [];
    const result = await this.runner.read(teamsOfMembersStatement, {
      memberIds,
    });
    return result.records.map(record => String(record.get('id')));
  }
}
