/*
 * Builders of complete Sentry JSON items for hand-written fixtures: a test
 * names the few fields it cares about, the rest are Sentry's usual values.
 */
import type {
  DetectorJson,
  LegacyRuleJson,
  MemberJson,
  OrgRole,
  ProjectJson,
  ReleaseJson,
  SentryOrganizationJson,
  TeamJson,
  WorkflowJson,
} from '@sentry-graph/sentry-sample-server';

const avatar = { avatarType: 'letter_avatar', avatarUuid: null };

export function organizationJson(
  fields: Pick<SentryOrganizationJson, 'id' | 'slug' | 'name'> &
    Partial<SentryOrganizationJson>,
): SentryOrganizationJson {
  return {
    status: { id: 'active', name: 'active' },
    dateCreated: '2018-11-06T21:19:55.101Z',
    isEarlyAdopter: false,
    require2FA: false,
    requireEmailVerification: false,
    avatar,
    allowMemberInvite: true,
    allowMemberProjectCreation: true,
    allowSuperuserAccess: false,
    hasAuthProvider: false,
    features: [],
    extraOptions: {},
    ...fields,
  };
}

export interface MemberFields {
  id: string;
  email: string;
  orgRole: OrgRole;
  name?: string;
  /** null: a pending invite (no user yet). */
  has2fa: boolean | null;
  expired?: boolean;
  dateCreated?: string;
  /** Older Sentry sends only the deprecated `role`. */
  withoutOrgRole?: boolean;
}

export function memberJson(fields: MemberFields): MemberJson {
  const pending = fields.has2fa === null;
  const name = fields.name ?? fields.email;
  return {
    id: fields.id,
    email: fields.email,
    name,
    user: pending
      ? null
      : {
          id: `9${fields.id}`,
          name,
          username: fields.email,
          email: fields.email,
          avatarUrl: 'https://example.invalid/avatar.png',
          isActive: true,
          isSuspended: false,
          hasPasswordAuth: true,
          isManaged: false,
          dateJoined: '2021-07-06T21:13:58.375239Z',
          lastLogin: null,
          has2fa: fields.has2fa === true,
          lastActive: null,
          isSuperuser: false,
          isStaff: false,
          experiments: {},
          avatar,
          canReset2fa: true,
        },
    ...(fields.withoutOrgRole ? {} : { orgRole: fields.orgRole }),
    role: fields.orgRole,
    roleName: fields.orgRole,
    pending,
    expired: fields.expired ?? false,
    flags: {
      'idp:provisioned': false,
      'idp:role-restricted': false,
      'sso:linked': false,
      'sso:invalid': false,
      'member-limit:restricted': false,
      'partnership:restricted': false,
    },
    dateCreated: fields.dateCreated ?? '2021-07-06T21:13:01.120263Z',
    inviteStatus: 'approved',
    inviterName: null,
  };
}

export function teamJson(
  fields: Pick<TeamJson, 'id' | 'slug' | 'name' | 'memberCount'> &
    Partial<TeamJson>,
): TeamJson {
  return {
    dateCreated: '2019-01-01T00:00:00.000Z',
    isMember: false,
    teamRole: null,
    flags: { 'idp:provisioned': false },
    access: [],
    hasAccess: true,
    isPending: false,
    avatar,
    ...fields,
  };
}

export function projectJson(
  fields: Pick<
    ProjectJson,
    'id' | 'slug' | 'name' | 'platform' | 'firstEvent'
  > & {
    teams: Array<{ id: string; slug: string; name: string }>;
    dateCreated?: string;
  },
): ProjectJson {
  return {
    dateCreated: '2020-01-01T00:00:00.000Z',
    firstTransactionEvent: false,
    isBookmarked: false,
    isMember: true,
    access: [],
    hasAccess: true,
    features: [],
    team: fields.teams[0] ?? null,
    platforms: [],
    environments: ['production'],
    hasUserReports: false,
    latestRelease: null,
    latestDeploys: null,
    eventProcessing: { symbolicationDegraded: false },
    ...fields,
  };
}

export function releaseJson(
  fields: Pick<ReleaseJson, 'id' | 'version' | 'dateCreated'> &
    Partial<ReleaseJson> & { projectRefs: Array<{ id: number; slug: string }> },
): ReleaseJson {
  const { projectRefs, ...rest } = fields;
  return {
    shortVersion: fields.version,
    status: 'open',
    versionInfo: null,
    ref: null,
    url: null,
    dateReleased: null,
    dateStarted: null,
    data: {},
    newGroups: 0,
    owner: null,
    commitCount: 0,
    lastCommit: null,
    deployCount: 0,
    lastDeploy: null,
    authors: [],
    firstEvent: null,
    lastEvent: null,
    currentProjectMeta: {},
    userAgent: null,
    projects: projectRefs.map(p => ({
      id: p.id,
      slug: p.slug,
      name: p.slug,
      newGroups: 0,
      platform: null,
      platforms: [],
      hasHealthData: false,
    })),
    ...rest,
  };
}

export function detectorJson(
  fields: Pick<DetectorJson, 'id' | 'projectId' | 'type'>,
): DetectorJson {
  return {
    name: fields.type,
    description: null,
    workflowIds: [],
    owner: null,
    createdBy: null,
    dateCreated: '2025-11-03T00:00:00Z',
    dateUpdated: '2025-11-03T00:00:00Z',
    dataSources: null,
    conditionGroup: null,
    config: {},
    enabled: true,
    latestGroup: null,
    alertRuleId: null,
    ruleId: null,
    ...fields,
  };
}

export interface WorkflowFields {
  id: string;
  name: string;
  detectorIds: string[];
  triggerLogic: 'any' | 'any-short' | 'all' | 'none' | null;
  filterLogic: Array<'any' | 'any-short' | 'all' | 'none'>;
  environment: string | null;
  frequencyMinutes?: number;
  enabled: boolean;
  dateCreated?: string;
}

export function workflowJson(fields: WorkflowFields): WorkflowJson {
  const group = (
    id: string,
    logicType: 'any' | 'any-short' | 'all' | 'none',
  ) => ({
    id,
    organizationId: '1',
    logicType,
    conditions: [],
    actions: [],
  });
  return {
    id: fields.id,
    name: fields.name,
    organizationId: '1',
    createdBy: null,
    dateCreated: fields.dateCreated ?? '2025-03-18T20:48:55.495059Z',
    dateUpdated: '2025-03-18T20:48:55.579094Z',
    triggers: fields.triggerLogic
      ? group(`${fields.id}0`, fields.triggerLogic)
      : null,
    actionFilters: fields.filterLogic.map((logic, i) =>
      group(`${fields.id}${i + 1}`, logic),
    ),
    environment: fields.environment,
    config:
      fields.frequencyMinutes === undefined
        ? {}
        : { frequency: fields.frequencyMinutes },
    detectorIds: fields.detectorIds,
    enabled: fields.enabled,
    lastTriggered: null,
    owner: null,
  };
}

/** An item of the legacy per-project rules listing. */
export function legacyRuleJson(
  fields: Pick<LegacyRuleJson, 'id' | 'name'> &
    Partial<LegacyRuleJson> & { project: string },
): LegacyRuleJson {
  const { project, ...rest } = fields;
  return {
    dateCreated: '2023-01-15T06:45:34.353346Z',
    actionMatch: 'any',
    filterMatch: 'all',
    frequency: 60,
    environment: 'prod',
    status: 'active',
    conditions: [],
    filters: [],
    actions: [],
    owner: null,
    createdBy: null,
    projects: [project],
    snooze: false,
    ...rest,
  };
}
