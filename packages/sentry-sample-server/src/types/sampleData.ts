import type { DetectorJson, LegacyRuleJson, WorkflowJson } from './alertJson';
import type { AuditLogEntryJson } from './auditLogJson';
import type {
  MemberJson,
  ProjectJson,
  ReleaseJson,
  SentryOrganizationJson,
  TeamJson,
} from './sentryJson';

/**
 * A listing's items. Arrays are sorted by the server in Sentry's order for that listing;
 * lazy collections ({count, get}) must already be in serving order. Lazy collections let the
 * XL data set (500,000 releases) be served without ever holding it in memory.
 */
export type Collection<T> =
  readonly T[] | { readonly count: number; get(index: number): T };

export interface TeamMembership {
  memberId: string;
  /**
   * The OrganizationMemberTeam row's id, which join-team and leave-team audit entries target.
   * Generated rows have none; the server then derives a stable one.
   */
  id?: string;
  /**
   * The raw stored team role; null (the usual case) means "derived from the org role". Sentry
   * knows `admin` and `contributor`; the column is free text, so other values can be stored.
   */
  teamRole: string | null;
}

export interface SampleOrganization {
  /** Base keys of §3.1; the server fills links.organizationUrl/regionUrl. */
  organization: SentryOrganizationJson;
  /** §3.2 list items; `user` is null for pending invites. Served ordered by numeric id. */
  members: Collection<MemberJson>;
  /** §3.3 items; isMember/teamRole/hasAccess/access are recomputed for the caller. Served by slug. */
  teams: Collection<TeamJson>;
  /**
   * Team slug → its OrganizationMemberTeam rows. Generated invites join no team, but an invite
   * sent with teams has rows: Sentry counts them in memberCount and lists them as team members.
   */
  teamMembers: Record<string, ReadonlyArray<TeamMembership>>;
  /** §3.4 summary items. Served by slug. */
  projects: Collection<ProjectJson>;
  /** §3.5 items. Served by dateCreated, newest first. */
  releases: Collection<ReleaseJson>;
  /** Served by numeric id. */
  detectors: Collection<DetectorJson>;
  /** Served by numeric id. */
  workflows: Collection<WorkflowJson>;
  /** Project slug → its legacy issue alert rules (served by -id, keyset paginated). */
  legacyRules?: Record<string, ReadonlyArray<LegacyRuleJson>>;
  /** The audit log (any order: served newest first). Absent = empty. */
  auditLog?: Collection<AuditLogEntryJson>;
  /** Default true; false = an older self-hosted Sentry: /workflows/ and /detectors/ answer 404. */
  workflowsApi?: boolean;
  /** Default: the server's own base URL. Lets a test put an organization in another region. */
  regionUrl?: string;
}

export interface SampleData {
  organizations: SampleOrganization[];
}

export interface Sizes {
  members: number;
  teams: number;
  projects: number;
  releases: number;
  /** Issue alert workflows; about 10% more workflows that are not issue alerts are added. */
  rules: number;
}

export type SizePreset = 'S' | 'M' | 'L' | 'XL';
