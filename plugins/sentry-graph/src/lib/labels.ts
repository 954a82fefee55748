/* The words the card uses for the API's keys. */
import type {
  CatalogFinding,
  ChangeHighlightKey,
  GraphChangeKind,
  GraphChangeName,
  EntityFinding,
  ListedFinding,
  RunStatus,
  SyncKind,
  SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';

export const KIND_LABELS: Record<SyncKind, string> = {
  organization: 'the organization',
  teams: 'teams',
  members: 'members',
  'team-memberships': 'team memberships',
  projects: 'projects',
  releases: 'releases',
  'alert-rules': 'alert rules',
};

export const FINDING_LABELS: Record<ListedFinding, string> = {
  membersWithout2fa: 'Members without 2FA',
  pendingInvites: 'Open invites',
  expiredInvites: 'Expired invites',
  ownersAndManagers: 'Owners and managers',
  teamsWithoutMembers: 'Teams without members',
  teamsWithoutAdmin: 'Teams without a team admin',
  projectsWithoutTeam: 'Projects without a team',
  projectsWithoutAlertRules: 'Projects without alert rules',
  projectsWithOnlyDisabledAlertRules:
    'Projects whose alert rules are all disabled',
  disabledAlertRules: 'Disabled alert rules',
};

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partial',
  failed: 'Failed',
  aborted: 'Aborted',
};

/** A run's kind, as a word. */
export const RUN_KIND_LABELS: Record<SyncRunKind, string> = {
  full: 'Full',
  routine: 'Routine',
};

/** The graph's node labels, in the order and words of the card's counts. */
export const COUNTED_NODES: Array<[label: string, words: string]> = [
  ['SentryUser', 'members'],
  ['SentryTeam', 'teams'],
  ['SentryProject', 'projects'],
  ['SentryRelease', 'releases'],
  ['SentryAlertRule', 'alert rules'],
];

/** What looks wrong about one entity, in the words of its card. */
export const ENTITY_FINDING_LABELS: Record<EntityFinding, string> = {
  noSentryProject: 'No Sentry project: errors of this service reach no one',
  annotationPointsNowhere:
    'Its sentry.io/project-slug annotation names a project Sentry does not have',
  ownerLacksTheTeam: "Its owner's Sentry team is not on its project",
  adminsWithoutTwoFactor: 'Some who can administer its project have no 2FA',
  noSentryTeam: 'No Sentry team matches this group',
};

export const CATALOG_FINDING_LABELS: Record<CatalogFinding, string> = {
  componentsWithoutSentryProject: 'Components without a Sentry project',
  projectsWithoutEntity: 'Sentry projects no catalog entity claims',
  annotationsPointingNowhere: 'Annotations that point to no Sentry project',
  componentsWhoseOwnerLacksTheTeam:
    "Components whose owner's team is not on their project",
  groupMembersAdminWithout2fa:
    'Group members who administer Sentry without 2FA',
};

/** What a change is about, as a word (the change list's Kind column and filter). */
export const CHANGE_KIND_LABELS: Record<GraphChangeKind, string> = {
  organization: 'Organization',
  member: 'Member',
  team: 'Team',
  project: 'Project',
  alertRule: 'Alert rule',
  release: 'Releases',
};

/** What changed, as words (the change list's Change column and filter). */
export const CHANGE_NAME_LABELS: Record<GraphChangeName, string> = {
  'initial-import': 'Initial import',
  added: 'Added',
  removed: 'Removed',
  role: 'Organization role',
  '2fa': '2FA',
  sso: 'SSO',
  invite: 'Invite',
  membership: 'Team membership',
  'team-role': 'Team role',
  team: 'Project team',
  status: 'Enabled or disabled',
  changed: 'Setting',
  count: 'Release count',
  catalog: 'Catalog link',
};

/** The card's "since yesterday" groups. */
export const HIGHLIGHT_LABELS: Record<ChangeHighlightKey, string> = {
  newOwnersAndManagers: 'New owners and managers',
  lost2fa: 'Members who lost 2FA',
  projectsWithoutTeams: 'Projects left without a team',
  alertRulesRemovedOrDisabled: 'Alert rules removed or disabled',
  membersAdded: 'Members added',
  membersRemoved: 'Members removed',
};
