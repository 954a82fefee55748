/*
 * JSON shapes of the organization, member, team, project and release listings, as Sentry
 * serializes them (see /work/shared/reference/sentry-api.md §3). Keys that only exist on
 * some versions or in some modes are optional; everything else is always sent.
 */

export interface AvatarJson {
  avatarType: string;
  avatarUuid: string | null;
  avatarUrl?: string | null;
}

export type OrganizationStatusId =
  'active' | 'pending_deletion' | 'deletion_in_progress';

/** Base keys of §3.1 (also the keys of GET /organizations/ items) plus optional detailed keys. */
export interface SentryOrganizationJson {
  id: string;
  slug: string;
  name: string;
  status: { id: OrganizationStatusId; name: string };
  dateCreated: string;
  isEarlyAdopter: boolean;
  require2FA: boolean;
  requireEmailVerification: boolean;
  avatar: AvatarJson;
  allowMemberInvite: boolean;
  allowMemberProjectCreation: boolean;
  allowSuperuserAccess: boolean;
  /** Filled by the server (its own URL, or SampleOrganization.regionUrl); a value in the data is ignored. */
  links?: { organizationUrl: string; regionUrl: string };
  hasAuthProvider: boolean;
  features: string[];
  extraOptions: Record<string, unknown>;
  /** Detailed key; decides `hasAccess` of non-members (Sentry's default is true). */
  openMembership?: boolean;
}

export type OrgRole = 'member' | 'admin' | 'manager' | 'owner' | 'billing';
export type TeamRole = 'admin' | 'contributor';

export interface MemberUserJson {
  id: string;
  name: string;
  username: string;
  email: string;
  avatarUrl: string;
  isActive: boolean;
  isSuspended: boolean;
  hasPasswordAuth: boolean;
  isManaged: boolean;
  dateJoined: string;
  lastLogin: string | null;
  has2fa: boolean;
  lastActive: string | null;
  isSuperuser: boolean;
  isStaff: boolean;
  experiments: Record<string, unknown>;
  avatar: AvatarJson;
  canReset2fa: boolean;
}

export interface MemberFlagsJson {
  'idp:provisioned': boolean;
  'idp:role-restricted': boolean;
  'sso:linked': boolean;
  'sso:invalid': boolean;
  'member-limit:restricted': boolean;
  'partnership:restricted': boolean;
}

/** Item of GET /organizations/{org}/members/ (§3.2). `user` is null for pending invites. */
export interface MemberJson {
  id: string;
  email: string;
  name: string;
  user: MemberUserJson | null;
  /** Missing on older Sentry versions, which send only the deprecated `role`. */
  orgRole?: OrgRole;
  /** Deprecated, still sent. */
  role: OrgRole;
  /** Deprecated, still sent. */
  roleName: string;
  pending: boolean;
  expired: boolean;
  flags: MemberFlagsJson;
  dateCreated: string;
  inviteStatus: 'approved' | 'requested_to_be_invited' | 'requested_to_join';
  inviterName: string | null;
}

/** Item of GET /teams/{org}/{team}/members/: a member plus the raw stored team role. */
export interface TeamMemberJson extends MemberJson {
  /** Raw and free text: Sentry serializes whatever the column holds. */
  teamRole: string | null;
  teamSlug: string;
}

export interface TeamProjectJson {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dateCreated: string;
  isBookmarked: boolean;
  isMember: boolean;
  features: string[];
  firstEvent: string | null;
  firstTransactionEvent: boolean;
  access: string[];
  hasAccess: boolean;
  isInternal: boolean;
  isPublic: boolean;
  avatar: AvatarJson;
  color: string;
  status: string;
  [flag: `has${string}`]: boolean;
}

/** Item of GET /organizations/{org}/teams/ (§3.3). Caller-relative keys are recomputed by the server. */
export interface TeamJson {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
  isMember: boolean;
  teamRole: TeamRole | null;
  flags: { 'idp:provisioned': boolean };
  access: string[];
  hasAccess: boolean;
  isPending: boolean;
  /** Approved members; must equal the number of entries in SampleOrganization.teamMembers[slug]. */
  memberCount: number;
  avatar: AvatarJson;
  /** Added by the server unless `detailed=0`. */
  projects?: TeamProjectJson[];
  externalTeams?: unknown[];
}

export interface ProjectTeamRefJson {
  id: string;
  name: string;
  slug: string;
}

/** Item of GET /organizations/{org}/projects/ (ProjectSummarySerializer, §3.4). */
export interface ProjectJson {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dateCreated: string;
  firstEvent: string | null;
  firstTransactionEvent: boolean;
  isBookmarked: boolean;
  isMember: boolean;
  access: string[];
  hasAccess: boolean;
  features: string[];
  /** Deprecated: the first of `teams`, or null. */
  team: ProjectTeamRefJson | null;
  teams: ProjectTeamRefJson[];
  platforms: string[];
  environments: string[];
  hasUserReports: boolean;
  latestRelease: { version: string } | null;
  latestDeploys: Record<
    string,
    { version: string; dateFinished: string }
  > | null;
  eventProcessing: { symbolicationDegraded: boolean };
  [flag: `has${string}`]: boolean;
}

export interface ReleaseProjectJson {
  /** An integer here, unlike most ids. */
  id: number;
  slug: string;
  name: string;
  newGroups: number;
  platform: string | null;
  platforms: string[];
  hasHealthData: boolean;
}

export interface ReleaseVersionInfoJson {
  package: string | null;
  version: {
    raw: string;
    major?: number;
    minor?: number;
    patch?: number;
    pre?: string | null;
    buildCode?: string | null;
    components?: number;
  };
  description: string;
  buildHash: string | null;
}

export interface ReleaseDeployJson {
  id: string;
  environment: string;
  dateStarted: string | null;
  dateFinished: string;
  name: string;
  url: string | null;
}

/** Item of GET /organizations/{org}/releases/ (§3.5). */
export interface ReleaseJson {
  /** An integer, unlike most other ids. */
  id: number;
  version: string;
  shortVersion: string;
  /** null on releases stored before Sentry had the column; Sentry counts them as open. */
  status: 'open' | 'archived' | null;
  versionInfo: ReleaseVersionInfoJson | null;
  ref: string | null;
  url: string | null;
  dateReleased: string | null;
  dateCreated: string;
  dateStarted: string | null;
  data: Record<string, unknown>;
  newGroups: number;
  owner: string | null;
  commitCount: number;
  lastCommit: Record<string, unknown> | null;
  deployCount: number;
  lastDeploy: ReleaseDeployJson | null;
  authors: Array<{ name: string; email: string }>;
  projects: ReleaseProjectJson[];
  firstEvent: string | null;
  lastEvent: string | null;
  currentProjectMeta: Record<string, unknown>;
  userAgent: string | null;
}
