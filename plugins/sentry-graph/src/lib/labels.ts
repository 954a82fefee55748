/* The words the card uses for the API's keys. */
import type {
  ListedFinding,
  RunStatus,
  SyncKind,
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

/** The graph's node labels, in the order and words of the card's counts. */
export const COUNTED_NODES: Array<[label: string, words: string]> = [
  ['SentryUser', 'members'],
  ['SentryTeam', 'teams'],
  ['SentryProject', 'projects'],
  ['SentryRelease', 'releases'],
  ['SentryAlertRule', 'alert rules'],
];
