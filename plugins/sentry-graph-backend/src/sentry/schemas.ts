import { z } from 'zod';

/*
 * Item schemas for what the sync reads (docs/graph-schema.md). Only the
 * fields the graph uses are declared: zod drops the rest, which keeps a page
 * of large Sentry objects small in memory. Ids are strings as Sentry sends
 * them; an id that arrives as a number is a wrong shape and makes the item
 * invalid (skipped and reported) rather than silently coerced.
 */

/** A list that Sentry may leave out; missing means empty. */
function listOrEmpty<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform(list => list ?? []);
}

export const SentryOrganizationSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  status: z.object({ id: z.string() }).nullish(),
  dateCreated: z.string().nullish(),
  require2FA: z.boolean().optional(),
  isEarlyAdopter: z.boolean().optional(),
  links: z
    .object({
      organizationUrl: z.string().optional(),
      regionUrl: z.string().optional(),
    })
    .optional(),
  /** Feature flags without the `organizations:` prefix, e.g. `team-roles`. */
  features: listOrEmpty(z.string()),
  /** The caller's own org role; Sentry sends it only when the caller is a member. */
  orgRole: z.string().nullish(),
});
export type SentryOrganization = z.infer<typeof SentryOrganizationSchema>;

export const SentryMemberSchema = z.object({
  id: z.string(),
  email: z.string().nullish(),
  name: z.string().nullish(),
  orgRole: z.string().nullish(),
  /** Deprecated by Sentry in favour of orgRole; still the only role on old servers. */
  role: z.string().nullish(),
  dateCreated: z.string().nullish(),
  pending: z.boolean().optional(),
  expired: z.boolean().optional(),
  /** null for pending invites. */
  user: z.object({ id: z.string(), has2fa: z.boolean().optional() }).nullish(),
  /** Whether the member's SSO identity is linked (the organization's auth provider). */
  flags: z.object({ 'sso:linked': z.boolean().optional() }).nullish(),
});
export type SentryMember = z.infer<typeof SentryMemberSchema>;

export const SentryTeamSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  dateCreated: z.string().nullish(),
  memberCount: z.number().nullish(),
});
export type SentryTeam = z.infer<typeof SentryTeamSchema>;

/** An item of /teams/{org}/{team}/members/: a member plus its stored team role. */
export const SentryTeamMemberSchema = z.object({
  /** The organization membership id, the same as SentryMember.id. */
  id: z.string(),
  orgRole: z.string().nullish(),
  role: z.string().nullish(),
  /**
   * The raw stored role; null means "derived from the org role". Free text
   * in Sentry's database: a value we do not know is accepted and reported.
   */
  teamRole: z.string().nullish(),
  pending: z.boolean().optional(),
  email: z.string().nullish(),
});
export type SentryTeamMember = z.infer<typeof SentryTeamMemberSchema>;

export const SentryProjectSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  platform: z.string().nullish(),
  dateCreated: z.string().nullish(),
  firstEvent: z.string().nullish(),
  teams: listOrEmpty(
    z.object({ id: z.string(), slug: z.string(), name: z.string().optional() }),
  ),
  /** Whether the caller can access the project (caller-relative). */
  hasAccess: z.boolean().optional(),
});
export type SentryProject = z.infer<typeof SentryProjectSchema>;

/** The statuses the releases listing filters by. */
export type SentryReleaseStatus = 'open' | 'archived';

export const SentryReleaseSchema = z.object({
  version: z.string().min(1),
  shortVersion: z.string().nullish(),
  /** `open` or `archived`; null on old releases, which Sentry counts as open. */
  status: z.string().nullish(),
  dateCreated: z.string().nullish(),
  dateReleased: z.string().nullish(),
  commitCount: z.number().nullish(),
  deployCount: z.number().nullish(),
  newGroups: z.number().nullish(),
  ref: z.string().nullish(),
  url: z.string().nullish(),
  /** Release project ids are integers in Sentry's payload, unlike most ids. */
  projects: listOrEmpty(
    z.object({ id: z.union([z.number(), z.string()]), slug: z.string() }),
  ),
});
export type SentryRelease = z.infer<typeof SentryReleaseSchema>;

export const SentryWorkflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  dateCreated: z.string().nullish(),
  triggers: z.object({ logicType: z.string() }).nullish(),
  /** Sentry reads them with an unordered query: their order means nothing. */
  actionFilters: listOrEmpty(
    z.object({ id: z.string().optional(), logicType: z.string() }),
  ),
  /** The environment name; null means all environments. */
  environment: z.string().nullish(),
  /** frequency is in minutes. */
  config: z.object({ frequency: z.number().nullish() }).nullish(),
  detectorIds: listOrEmpty(z.string()),
  enabled: z.boolean(),
  /** Bumped by every edit through the workflows API; what a routine run reads newest first. */
  dateUpdated: z.string().nullish(),
});
export type SentryWorkflow = z.infer<typeof SentryWorkflowSchema>;

export const SentryDetectorSchema = z.object({
  id: z.string(),
  /**
   * Sentry sends a string; older builds may send a number, which is safe to
   * convert. The organization-wide issue detector has no project: the
   * serializer's `str(obj.project_id)` makes that the string "None".
   */
  projectId: z
    .union([z.string(), z.number()])
    .nullish()
    .transform(id =>
      id === null || id === undefined || id === 'None' ? null : String(id),
    ),
  type: z.string(),
  name: z.string().optional(),
});
export type SentryDetector = z.infer<typeof SentryDetectorSchema>;

export const SentryLegacyRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  dateCreated: z.string().nullish(),
  actionMatch: z.string().nullish(),
  filterMatch: z.string().nullish(),
  /** Minutes. */
  frequency: z.number().nullish(),
  environment: z.string().nullish(),
  status: z.string().nullish(),
});
export type SentryLegacyRule = z.infer<typeof SentryLegacyRuleSchema>;

/**
 * A row of the audit log (AuditLogEntrySerializer,
 * src/sentry/api/serializers/models/auditlogentry.py). Only what names
 * the change is read: the event's api name, the id of the row it is
 * about (a member, a team membership, a project) and its `data`, whose
 * keys differ per event and are read where they are used.
 */
export const SentryAuditLogEntrySchema = z.object({
  id: z.string(),
  event: z.string(),
  targetObject: z
    .union([z.number(), z.string()])
    .nullish()
    .transform(id => (id === null || id === undefined ? null : String(id))),
  data: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform(data => data ?? {}),
  dateCreated: z.string(),
});
export type SentryAuditLogEntry = z.infer<typeof SentryAuditLogEntrySchema>;
