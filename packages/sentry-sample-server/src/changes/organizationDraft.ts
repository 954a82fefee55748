import { compareNumericIds, compareStrings, type Listing } from '../collection';
import { epochMsToIso, isoToEpochMs } from '../isoTime';
import {
  compareReleasesNewestFirst,
  type OrganizationView,
} from '../server/organizationView';
import type {
  DetectorJson,
  LegacyRuleJson,
  WorkflowJson,
} from '../types/alertJson';
import type { AuditLogEntryJson } from '../types/auditLogJson';
import type { SampleOrganization, TeamMembership } from '../types/sampleData';
import type {
  MemberJson,
  MemberUserJson,
  ProjectJson,
  ReleaseJson,
  TeamJson,
} from '../types/sentryJson';
import { ListingDraft } from './listingDraft';

/** A change that cannot be applied: the whole batch is refused. */
export class SampleChangeError extends Error {}

/**
 * One organization while a batch of changes is applied to it. Reads see the earlier changes
 * of the batch; nothing reaches the data until `commit`, so a refused batch leaves no trace.
 */
export class OrganizationDraft {
  readonly members: ListingDraft<MemberJson>;
  readonly teams: ListingDraft<TeamJson>;
  readonly projects: ListingDraft<ProjectJson>;
  readonly releases: ListingDraft<ReleaseJson>;
  readonly workflows: ListingDraft<WorkflowJson>;
  readonly detectors: ListingDraft<DetectorJson>;
  readonly auditEntries: AuditLogEntryJson[] = [];
  private readonly teamMembers: Record<string, ReadonlyArray<TeamMembership>>;
  private readonly touchedTeams = new Set<string>();
  private legacyRules?: Record<string, ReadonlyArray<LegacyRuleJson>>;
  /** The batch's clock in microseconds: every entry and release gets a later tick. */
  private clockMicros: number;
  private readonly maxIds = new Map<string, bigint>();

  constructor(
    readonly view: OrganizationView,
    atMs: number,
  ) {
    const { source } = view;
    this.members = new ListingDraft(
      source.members,
      view.members,
      id => view.memberIndex(id),
      member => member.id,
      (a, b) => compareNumericIds(a.id, b.id),
    );
    this.teams = new ListingDraft(
      source.teams,
      view.teams,
      slug => view.teamIndex(slug),
      team => team.slug,
      (a, b) => compareStrings(a.slug, b.slug),
    );
    this.projects = new ListingDraft(
      source.projects,
      view.projects,
      slug => view.projectIndex(slug),
      project => project.slug,
      (a, b) => compareStrings(a.slug, b.slug),
    );
    this.releases = new ListingDraft(
      source.releases,
      view.releases,
      version => view.releaseIndex(version),
      release => release.version,
      compareReleasesNewestFirst,
    );
    this.workflows = new ListingDraft(
      source.workflows,
      view.workflows,
      id => view.workflowIndex(id),
      workflow => workflow.id,
      (a, b) => compareNumericIds(a.id, b.id),
    );
    this.detectors = new ListingDraft(
      source.detectors,
      view.detectors,
      id => view.detectorIndex(id),
      detector => detector.id,
      (a, b) => compareNumericIds(a.id, b.id),
    );
    this.teamMembers = { ...source.teamMembers };
    // Never earlier than what the log or the releases already hold: they stay newest first.
    const latest = Math.max(
      atMs,
      view.auditLog.count ? isoToEpochMs(view.auditLog.get(0).dateCreated) : 0,
      view.releases.count ? isoToEpochMs(view.releases.get(0).dateCreated) : 0,
    );
    this.clockMicros = Math.floor(latest * 1000) + (latest > atMs ? 1 : 0);
  }

  /** The next moment of the batch, formatted as Sentry does (microseconds). */
  tick(): string {
    const micros = this.clockMicros++;
    return epochMsToIso(Math.floor(micros / 1000), micros % 1000);
  }

  /** A new id above every id of a kind, found once by `scanMax`. */
  nextId(kind: string, scanMax: () => bigint): string {
    const next = (this.maxIds.get(kind) ?? scanMax()) + 1n;
    this.maxIds.set(kind, next);
    return String(next);
  }

  member(memberId: string): MemberJson {
    const member = this.members.get(memberId);
    if (!member)
      throw new SampleChangeError(`member ${memberId} does not exist`);
    return member;
  }

  team(slug: string): TeamJson {
    const team = this.teams.get(slug);
    if (!team) throw new SampleChangeError(`team ${slug} does not exist`);
    return team;
  }

  project(slug: string): ProjectJson {
    const project = this.projects.get(slug);
    if (!project) throw new SampleChangeError(`project ${slug} does not exist`);
    return project;
  }

  membershipsOf(teamSlug: string): ReadonlyArray<TeamMembership> {
    return this.teamMembers[teamSlug] ?? [];
  }

  setMemberships(
    teamSlug: string,
    memberships: ReadonlyArray<TeamMembership>,
  ): void {
    this.teamMembers[teamSlug] = memberships;
    this.touchedTeams.add(teamSlug);
  }

  /** Slugs of the teams a member has a row in, in slug order. */
  teamSlugsOf(memberId: string): string[] {
    return Object.keys(this.teamMembers)
      .filter(slug =>
        this.teamMembers[slug].some(row => row.memberId === memberId),
      )
      .sort(compareStrings);
  }

  legacyRulesOf(projectSlug: string): ReadonlyArray<LegacyRuleJson> {
    return (
      (this.legacyRules ?? this.view.source.legacyRules ?? {})[projectSlug] ??
      []
    );
  }

  setLegacyRules(
    projectSlug: string,
    rules: ReadonlyArray<LegacyRuleJson> | undefined,
  ): void {
    this.legacyRules ??= { ...this.view.source.legacyRules };
    if (rules) this.legacyRules[projectSlug] = rules;
    else delete this.legacyRules[projectSlug];
  }

  /**
   * The organization with the batch applied. memberCount of every team whose rows changed is
   * counted again as get_member_totals does: rows whose member is approved.
   */
  commit(): SampleOrganization {
    for (const slug of this.touchedTeams) {
      const team = this.teams.get(slug);
      if (!team) continue;
      const memberCount = this.membershipsOf(slug).filter(
        row => this.members.get(row.memberId)?.inviteStatus === 'approved',
      ).length;
      if (memberCount !== team.memberCount)
        this.teams.set({ ...team, memberCount });
    }
    const { source } = this.view;
    const organization: SampleOrganization = {
      ...source,
      members: this.members.commit(),
      teams: this.teams.commit(),
      teamMembers: this.teamMembers,
      projects: this.projects.commit(),
      releases: this.releases.commit(),
      workflows: this.workflows.commit(),
      detectors: this.detectors.commit(),
    };
    if (this.legacyRules) organization.legacyRules = this.legacyRules;
    if (this.auditEntries.length > 0) {
      const existing = [];
      for (let index = 0; index < this.view.auditLog.count; index++)
        existing.push(this.view.auditLog.get(index));
      organization.auditLog = [...existing, ...this.auditEntries];
    }
    return organization;
  }
}

/** The largest numeric id `idOf` finds in a listing (one scan), or `floor` when it is larger. */
export function maxNumericId<T>(
  listing: Listing<T>,
  idOf: (item: T) => string | undefined,
  floor: bigint,
): bigint {
  let max = floor;
  for (let index = 0; index < listing.count; index++) {
    const id = idOf(listing.get(index));
    if (id !== undefined && BigInt(id) > max) max = BigInt(id);
  }
  return max;
}

/** The user who acts: a member's serialized user. */
export type Actor = MemberUserJson | { name: string };
