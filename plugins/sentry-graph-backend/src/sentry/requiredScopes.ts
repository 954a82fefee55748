import type { SentryEndpoint } from './types';

/**
 * Scopes Sentry accepts per endpoint; any one of them is enough
 * (reference: sentry-api.md §1, sentry-workflows.md §1 and §5). Used to tell
 * the operator exactly which token to create when Sentry answers 401/403.
 */
export const requiredScopes: Readonly<
  Record<SentryEndpoint, readonly string[]>
> = {
  organizations: ['org:read', 'org:write', 'org:admin'],
  organization: ['org:read', 'org:write', 'org:admin'],
  members: ['member:read', 'member:write', 'member:admin'],
  teams: ['org:read', 'org:write', 'org:admin'],
  'team-members': ['team:read', 'team:write', 'team:admin'],
  projects: ['org:read', 'org:write', 'org:admin'],
  releases: [
    'project:read',
    'project:write',
    'project:admin',
    'project:releases',
    'org:ci',
  ],
  workflows: ['org:read', 'org:write', 'org:admin', 'alerts:read'],
  detectors: ['org:read', 'org:write', 'org:admin', 'alerts:read'],
  detector: ['org:read', 'org:write', 'org:admin', 'alerts:read'],
  // OrganizationAuditPermission: GET needs org:write (org:admin implies it).
  'audit-logs': ['org:write', 'org:admin'],
  member: ['member:read', 'member:write', 'member:admin'],
  team: ['team:read', 'team:write', 'team:admin'],
  project: ['project:read', 'project:write', 'project:admin'],
  release: [
    'project:read',
    'project:write',
    'project:admin',
    'project:releases',
    'org:ci',
  ],
  'legacy-rules': [
    'project:read',
    'project:write',
    'project:admin',
    'alerts:read',
    'alerts:write',
  ],
};

/**
 * Extra advice for endpoints where the token kind matters more than scopes
 * (sentry-api.md §1: org auth tokens only carry org:ci; the org list needs a
 * user token).
 */
export const tokenKindHints: Partial<Record<SentryEndpoint, string>> = {
  organizations:
    'Listing organizations needs a user auth token (sntryu_); with an org or integration token, configure the organization slugs explicitly.',
  members:
    'Org auth tokens (sntrys_) carry only org:ci and cannot read members.',
  teams: 'Org auth tokens (sntrys_) carry only org:ci and cannot read teams.',
  'team-members':
    'Org auth tokens (sntrys_) carry only org:ci and cannot read team members.',
};
