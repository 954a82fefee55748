import {
  compareNumericIds,
  compareStrings,
  type Listing,
  toListing,
} from '../collection';
import { isoToEpochMs } from '../isoTime';
import type { AuditLogEntryJson } from '../types/auditLogJson';
import type {
  DetectorJson,
  LegacyRuleJson,
  WorkflowJson,
} from '../types/alertJson';
import type { SampleOrganization, TeamMembership } from '../types/sampleData';
import type {
  MemberJson,
  ProjectJson,
  ReleaseJson,
  TeamJson,
} from '../types/sentryJson';

/** The listings of an organization that a 'delete-row' fault can remove a row from. */
export type ListingName =
  | 'members'
  | 'teams'
  | 'projects'
  | 'releases'
  | 'detectors'
  | 'workflows'
  | 'auditLog';

/**
 * One organization as the server serves it: listings in Sentry's order, plus lookups that are
 * built on first use and kept until the data is replaced. Lookups store indices, not items, so
 * lazily generated items are rebuilt per request instead of being held in memory.
 */
export class OrganizationView {
  readonly members: Listing<MemberJson>;
  readonly teams: Listing<TeamJson>;
  readonly projects: Listing<ProjectJson>;
  readonly releases: Listing<ReleaseJson>;
  readonly detectors: Listing<DetectorJson>;
  readonly workflows: Listing<WorkflowJson>;
  readonly auditLog: Listing<AuditLogEntryJson>;

  private memberIndexById?: Map<string, number>;
  private workflowIndexById?: Map<string, number>;
  private detectorIndexById?: Map<string, number>;
  private releaseIndexByVersion?: Map<string, number>;
  private memberIndexByUserId?: Map<string, number>;
  private teamIndexByKey?: Map<string, number>;
  private projectIndexByKey?: Map<string, number>;
  private projectIndicesByTeamSlug?: Map<string, number[]>;
  private teamsByMemberId?: Map<
    string,
    Array<{ teamSlug: string; teamRole: TeamMembership['teamRole'] }>
  >;
  private readonly sortedTeamMembers = new Map<
    string,
    Array<{ memberIndex: number; teamRole: TeamMembership['teamRole'] }>
  >();

  constructor(readonly source: SampleOrganization) {
    this.members = toListing(source.members, (a, b) =>
      compareNumericIds(a.id, b.id),
    );
    this.teams = toListing(source.teams, (a, b) =>
      compareStrings(a.slug, b.slug),
    );
    this.projects = toListing(source.projects, (a, b) =>
      compareStrings(a.slug, b.slug),
    );
    this.releases = toListing(source.releases, compareReleasesNewestFirst);
    this.detectors = toListing(source.detectors, (a, b) =>
      compareNumericIds(a.id, b.id),
    );
    this.workflows = toListing(source.workflows, (a, b) =>
      compareNumericIds(a.id, b.id),
    );
    this.auditLog = toListing(source.auditLog ?? [], compareAuditNewestFirst);
  }

  get id(): string {
    return this.source.organization.id;
  }

  /**
   * The organization after one row of a listing was deleted in Sentry: a new view (every lookup
   * is rebuilt), whose listing skips the row at `index` in serving order.
   */
  withoutRow(name: ListingName, index: number): OrganizationView {
    const listing: Listing<unknown> = this[name];
    if (index < 0 || index >= listing.count) return this;
    const remaining = {
      count: listing.count - 1,
      get: (position: number) =>
        listing.get(position < index ? position : position + 1),
    };
    return new OrganizationView({ ...this.source, [name]: remaining });
  }

  get slug(): string {
    return this.source.organization.slug;
  }

  get workflowsApi(): boolean {
    return this.source.workflowsApi !== false;
  }

  /** A detector's serving index by its numeric id (detail routes take `\d+`). */
  detectorIndex(detectorId: string): number | undefined {
    this.detectorIndexById ??= indexBy(this.detectors, detector => [
      detector.id,
    ]);
    return /^\d+$/.test(detectorId)
      ? this.detectorIndexById.get(detectorId)
      : undefined;
  }

  /** A detector by its numeric id. */
  detectorById(detectorId: string): DetectorJson | undefined {
    const index = this.detectorIndex(detectorId);
    return index === undefined ? undefined : this.detectors.get(index);
  }

  /** A release's serving index by version (built on first use: it scans every release once). */
  releaseIndex(version: string): number | undefined {
    this.releaseIndexByVersion ??= indexBy(this.releases, release => [
      release.version,
    ]);
    return this.releaseIndexByVersion.get(version);
  }

  releaseByVersion(version: string): ReleaseJson | undefined {
    const index = this.releaseIndex(version);
    return index === undefined ? undefined : this.releases.get(index);
  }

  memberIndex(memberId: string): number | undefined {
    this.memberIndexById ??= indexBy(this.members, member => [member.id]);
    return this.memberIndexById.get(memberId);
  }

  memberById(memberId: string): MemberJson | undefined {
    const index = this.memberIndex(memberId);
    return index === undefined ? undefined : this.members.get(index);
  }

  workflowIndex(workflowId: string): number | undefined {
    this.workflowIndexById ??= indexBy(this.workflows, workflow => [
      workflow.id,
    ]);
    return this.workflowIndexById.get(workflowId);
  }

  memberByUserId(userId: string): MemberJson | undefined {
    this.memberIndexByUserId ??= indexBy(this.members, member =>
      member.user ? [member.user.id] : [],
    );
    const index = this.memberIndexByUserId.get(userId);
    return index === undefined ? undefined : this.members.get(index);
  }

  /** A team by slug or numeric id, as `{team}` in a path accepts both. */
  teamIndex(slugOrId: string): number | undefined {
    this.teamIndexByKey ??= indexBy(this.teams, team => [
      team.slug,
      `#${team.id}`,
    ]);
    return (
      this.teamIndexByKey.get(slugOrId) ??
      this.teamIndexByKey.get(`#${slugOrId}`)
    );
  }

  /** A project by slug or numeric id. */
  projectIndex(slugOrId: string): number | undefined {
    this.projectIndexByKey ??= indexBy(this.projects, project => [
      project.slug,
      `#${project.id}`,
    ]);
    return (
      this.projectIndexByKey.get(slugOrId) ??
      this.projectIndexByKey.get(`#${slugOrId}`)
    );
  }

  membershipsOf(teamSlug: string): ReadonlyArray<TeamMembership> {
    return this.source.teamMembers[teamSlug] ?? [];
  }

  /**
   * Team members ordered by (email, id), as TeamMembersEndpoint lists them (team_members.py):
   * approved members whose user is active, and approved email invites (no user yet) — despite
   * its docstring. memberCount also counts inactive users, so it can exceed this listing.
   */
  sortedMembersOf(
    teamSlug: string,
  ): Listing<{ member: MemberJson; teamRole: TeamMembership['teamRole'] }> {
    let sorted = this.sortedTeamMembers.get(teamSlug);
    if (!sorted) {
      this.memberIndexById ??= indexBy(this.members, member => [member.id]);
      const byId = this.memberIndexById;
      const entries: Array<{
        memberIndex: number;
        teamRole: TeamMembership['teamRole'];
        member: MemberJson;
      }> = [];
      for (const membership of this.membershipsOf(teamSlug)) {
        const memberIndex = byId.get(membership.memberId);
        if (memberIndex === undefined) continue;
        const member = this.members.get(memberIndex);
        if (
          member.inviteStatus === 'approved' &&
          member.user?.isActive !== false
        )
          entries.push({ memberIndex, teamRole: membership.teamRole, member });
      }
      entries.sort(
        (a, b) =>
          compareStrings(a.member.email, b.member.email) ||
          compareNumericIds(a.member.id, b.member.id),
      );
      sorted = entries.map(({ memberIndex, teamRole }) => ({
        memberIndex,
        teamRole,
      }));
      this.sortedTeamMembers.set(teamSlug, sorted);
    }
    const entries = sorted;
    return {
      count: entries.length,
      get: index => ({
        member: this.members.get(entries[index].memberIndex),
        teamRole: entries[index].teamRole,
      }),
    };
  }

  /** Teams a member joined, with the raw team role, for the member detail's teamRoles. */
  teamsOfMember(
    memberId: string,
  ): ReadonlyArray<{ teamSlug: string; teamRole: TeamMembership['teamRole'] }> {
    if (!this.teamsByMemberId) {
      const byMember = new Map<
        string,
        Array<{ teamSlug: string; teamRole: TeamMembership['teamRole'] }>
      >();
      for (const [teamSlug, memberships] of Object.entries(
        this.source.teamMembers,
      )) {
        for (const { memberId: id, teamRole } of memberships) {
          const list = byMember.get(id) ?? [];
          list.push({ teamSlug, teamRole });
          byMember.set(id, list);
        }
      }
      for (const list of byMember.values())
        list.sort((a, b) => compareStrings(a.teamSlug, b.teamSlug));
      this.teamsByMemberId = byMember;
    }
    return this.teamsByMemberId.get(memberId) ?? [];
  }

  /** Indices (serving order) of the projects a team owns, for the teams listing's `projects`. */
  projectIndicesOfTeam(teamSlug: string): readonly number[] {
    if (!this.projectIndicesByTeamSlug) {
      const byTeam = new Map<string, number[]>();
      for (let index = 0; index < this.projects.count; index++) {
        const teams = this.projects.get(index).teams;
        for (const team of Array.isArray(teams) ? teams : []) {
          const list = byTeam.get(team.slug) ?? [];
          list.push(index);
          byTeam.set(team.slug, list);
        }
      }
      this.projectIndicesByTeamSlug = byTeam;
    }
    return this.projectIndicesByTeamSlug.get(teamSlug) ?? [];
  }

  /** The project's legacy rules, ordered by -id (the keyset paginator's order). */
  legacyRulesOf(projectSlug: string): LegacyRuleJson[] {
    const rules = this.source.legacyRules?.[projectSlug] ?? [];
    return [...rules].sort((a, b) => compareNumericIds(b.id, a.id));
  }
}

function indexBy<T>(
  listing: Listing<T>,
  keysOf: (item: T) => string[],
): Map<string, number> {
  const index = new Map<string, number>();
  for (let position = 0; position < listing.count; position++) {
    for (const key of keysOf(listing.get(position))) {
      if (!index.has(key)) index.set(key, position);
    }
  }
  return index;
}

/** The audit log's order: -datetime (ties by -id, so that the order is stable). */
function compareAuditNewestFirst(
  a: AuditLogEntryJson,
  b: AuditLogEntryJson,
): number {
  return (
    isoToEpochMs(b.dateCreated) - isoToEpochMs(a.dateCreated) ||
    compareNumericIds(b.id, a.id)
  );
}

/** The releases listing's order: date_added newest first (ties by -id). */
export function compareReleasesNewestFirst(
  a: ReleaseJson,
  b: ReleaseJson,
): number {
  return (
    isoToEpochMs(b.dateCreated) - isoToEpochMs(a.dateCreated) || b.id - a.id
  );
}
