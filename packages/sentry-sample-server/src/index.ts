/**
 * A Sentry-compatible sample server: the organization, member, team, project, release,
 * workflow, detector, legacy rule and audit-log listings with Sentry's JSON shapes, Link-header pagination,
 * rate-limit headers and error bodies — plus a seeded generator of data sets of any size.
 */
export type {
  AvatarJson,
  MemberFlagsJson,
  MemberJson,
  MemberUserJson,
  OrganizationStatusId,
  OrgRole,
  ProjectJson,
  ProjectTeamRefJson,
  ReleaseDeployJson,
  ReleaseJson,
  ReleaseProjectJson,
  ReleaseVersionInfoJson,
  SentryOrganizationJson,
  TeamJson,
  TeamMemberJson,
  TeamProjectJson,
  TeamRole,
} from './types/sentryJson';
export type {
  DataConditionGroupJson,
  DataConditionJson,
  DetectorJson,
  DetectorOwnerJson,
  DetectorType,
  LegacyRuleComponentJson,
  LegacyRuleJson,
  LogicType,
  WorkflowActionJson,
  WorkflowJson,
} from './types/alertJson';
export type { AuditLogEntryJson, AuditLogPageJson } from './types/auditLogJson';
export type {
  ChangeBatch,
  ChangeSummary,
  InviteAcceptedChange,
  LegacyRuleChangedChange,
  MemberInviteChange,
  MemberRemovedChange,
  MemberRoleChange,
  MemberTwoFactorChange,
  ProjectAddedChange,
  ProjectRemovedChange,
  ReleaseArchivedChange,
  ReleasesCreatedChange,
  SampleChange,
  SampleChangeKind,
  TeamMemberAddedChange,
  TeamMemberRemovedChange,
  ProjectTeamRemovedChange,
  TeamRoleChange,
  WorkflowChangedChange,
  WorkflowRemovedChange,
} from './types/sampleChange';
export type {
  Collection,
  SampleData,
  SampleOrganization,
  SizePreset,
  Sizes,
  TeamMembership,
} from './types/sampleData';
export type {
  FaultKind,
  FaultRule,
  ItemCorruption,
  LatencyOptions,
  RateLimitOptions,
  SampleServer,
  SampleServerOptions,
  SampleServerStats,
  SampleToken,
  TokenKind,
} from './types/serverOptions';
export {
  startSampleServer,
  DEFAULT_SAMPLE_TOKEN,
} from './server/startSampleServer';
export {
  generateSampleData,
  type GenerateOptions,
} from './generator/generateSampleData';
export { PRESETS } from './generator/presets';
export { applyChanges, SampleChangeError } from './changes/applyChanges';
export { dayOfChanges, type DayOfChangesOptions } from './changes/dayOfChanges';
export { dayAfter, type DayAfterOptions } from './changes/dayAfter';
export { AUDIT_LOG_API_NAMES } from './server/auditLogEvents';
export { loadSampleData } from './loadSampleData';
export { ALL_SCOPES } from './server/scopes';
export { collectionCount } from './collection';
export { collectAll } from './testing/collectAll';
