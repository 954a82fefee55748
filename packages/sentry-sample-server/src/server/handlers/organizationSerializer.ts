import type { SentryOrganizationJson } from '../../types/sentryJson';
import type { OrganizationAccess } from '../auth';
import type { OrganizationView } from '../organizationView';
import { ROLE_NAMES } from '../scopes';
import { ORG_ROLE_LIST, TEAM_ROLE_LIST } from './roleLists';

/**
 * The base keys (GET /organizations/ items and every org payload) with `links` pointing at the
 * organization's region: its configured regionUrl, or this server as the request addressed it.
 */
export function serializeOrganizationBase(
  view: OrganizationView,
  baseUrl: string,
): SentryOrganizationJson {
  const regionUrl = (view.source.regionUrl ?? baseUrl).replace(/\/+$/, '');
  // On sentry.io organizationUrl is https://{slug}.sentry.io; loopback has no subdomains, so the
  // sample server gives the region URL, which serves the same paths.
  return {
    ...view.source.organization,
    links: { organizationUrl: regionUrl, regionUrl },
  };
}

/**
 * DetailedOrganizationSerializer keys (§3.1): a realistic subset. `access` lists the caller's
 * scopes; `role`/`orgRole` are present only when the caller is a member.
 */
export function detailedOrganizationKeys(
  view: OrganizationView,
  access: OrganizationAccess,
): Record<string, unknown> {
  const organization = view.source.organization;
  const keys: Record<string, unknown> = {
    experiments: {},
    quota: {
      maxRate: null,
      maxRateInterval: 60,
      accountLimit: 0,
      projectLimit: 100,
    },
    isDefault: false,
    defaultRole: 'member',
    availableRoles: ORG_ROLE_LIST.map(role => ({
      id: role.id,
      name: role.name,
    })),
    orgRoleList: ORG_ROLE_LIST,
    teamRoleList: TEAM_ROLE_LIST,
    openMembership: organization.openMembership ?? true,
    allowSharedIssues: true,
    enhancedPrivacy: false,
    dataScrubber: false,
    dataScrubberDefaults: false,
    sensitiveFields: [],
    safeFields: [],
    storeCrashReports: 0,
    attachmentsRole: 'member',
    debugFilesRole: 'admin',
    eventsMemberAdmin: true,
    alertsMemberWrite: true,
    scrubIPAddresses: false,
    scrapeJavaScript: true,
    allowJoinRequests: true,
    relayPiiConfig: null,
    trustedRelays: [],
    access: [...access.scopes].sort(),
    pendingAccessRequests: 0,
    onboardingTasks: [],
    codecovAccess: false,
    hideAiFeatures: false,
    githubPRBot: true,
    githubOpenPRBot: true,
    githubNudgeInvite: true,
    aggregatedDataConsent: false,
    genAIConsent: false,
    isDynamicallySampled: true,
    issueAlertsThreadFlag: true,
    metricAlertsThreadFlag: true,
    requiresSso: false,
    rollbackEnabled: false,
    streamlineOnly: null,
  };
  if (access.orgRole) {
    keys.role = access.orgRole;
    keys.orgRole = access.orgRole;
    keys.roleName = ROLE_NAMES[access.orgRole];
  }
  return keys;
}
