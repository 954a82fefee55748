import { lazyCollection } from '../collection';
import type {
  SampleData,
  SampleOrganization,
  SizePreset,
  Sizes,
} from '../types/sampleData';
import type { SentryOrganizationJson } from '../types/sentryJson';
import {
  ALL_PROJECTS_DETECTOR_FEATURE,
  detectorJson,
  hasAllProjectsDetector,
  planDetectors,
} from './detectors';
import { legacyRulesRecord } from './legacyRules';
import { memberJson } from './members';
import {
  type OrganizationContext,
  isoWithMicros,
  itemRandom,
  organizationContext,
} from './organizationContext';
import { PRESETS } from './presets';
import { planProjects, projectJson } from './projects';
import { releaseJson } from './releases';
import { planTeams, teamJson } from './teams';
import { planWorkflows } from './workflowPlan';
import { type WorkflowSources, workflowId, workflowJson } from './workflows';

export interface GenerateOptions {
  /** Default 'S'. */
  preset?: SizePreset;
  /** Default 1. The same seed always yields the same data. */
  seed?: number;
  /** Per-organization overrides of the preset's sizes. */
  sizes?: Partial<Sizes>;
  /** Overrides the preset's number of organizations. */
  organizations?: number;
}

/**
 * A deterministic, realistic data set. Every listing is a lazy collection in serving order:
 * items are built when the server asks for them, so even XL's 500,000 releases never sit in
 * memory. Only the relationships (who is on which team, which project a team owns, which
 * detectors a workflow watches) are planned up front, as small arrays of indices.
 */
export function generateSampleData(options: GenerateOptions = {}): SampleData {
  const preset = PRESETS[options.preset ?? 'S'];
  const seed = options.seed ?? 1;
  const sizes: Sizes = { ...preset.sizes, ...options.sizes };
  for (const [name, value] of Object.entries(sizes)) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`sizes.${name} must be a non-negative integer`);
  }
  const count = options.organizations ?? preset.organizations;
  const organizations: SampleOrganization[] = [];
  for (let index = 0; index < count; index++) {
    organizations.push(
      generateOrganization(
        organizationContext(seed, index, sizes, sizes.members),
      ),
    );
  }
  return { organizations };
}

function generateOrganization(
  context: OrganizationContext,
): SampleOrganization {
  const { sizes } = context;
  const teams = planTeams(context);
  const projects = planProjects(context, sizes.teams);
  const detectors = planDetectors(context, projects.slugs.length);
  const plan = planWorkflows(context, detectors, projects.slugs.length);
  const sources: WorkflowSources = { context, plan, projects, teams };
  const links = {
    workflowIdsOf: (detector: number) =>
      (plan.workflowsOfDetector.get(detector) ?? []).map(workflow =>
        workflowId(context, workflow),
      ),
  };
  return {
    organization: organizationJson(context),
    members: lazyCollection(sizes.members, index => memberJson(context, index)),
    teams: lazyCollection(teams.slugs.length, index =>
      teamJson(context, teams, index),
    ),
    teamMembers: teams.memberships,
    projects: lazyCollection(projects.slugs.length, index =>
      projectJson(context, projects, teams, index),
    ),
    // A release belongs to at least one project: without projects there are none.
    releases: lazyCollection(
      projects.slugs.length === 0 ? 0 : sizes.releases,
      index => releaseJson(context, projects, index),
    ),
    detectors: lazyCollection(detectors.count, index =>
      detectorJson(context, detectors, projects, teams, links, index),
    ),
    workflows: lazyCollection(plan.count, index =>
      workflowJson(sources, index),
    ),
    legacyRules: legacyRulesRecord(sources),
  };
}

function organizationJson(
  context: OrganizationContext,
): SentryOrganizationJson {
  const random = itemRandom(context, 'organization-json', 0);
  return {
    id: context.id,
    slug: context.slug,
    name: context.name,
    status: { id: 'active', name: 'active' },
    dateCreated: isoWithMicros(context.createdMs, random),
    isEarlyAdopter: context.index === 0,
    // Every second organization enforces 2FA (so preset S has one that does and one that does not).
    require2FA: context.index % 2 === 1,
    requireEmailVerification: false,
    avatar: { avatarType: 'letter_avatar', avatarUuid: null, avatarUrl: null },
    allowMemberInvite: true,
    allowMemberProjectCreation: true,
    allowSuperuserAccess: false,
    hasAuthProvider: false,
    features: [
      'discover-basic',
      'invite-members',
      'sso-basic',
      'workflow-engine-ui',
      'open-membership',
      // Team roles are a plan feature: every second organization lacks it, and Sentry then
      // ignores the team roles its memberships have stored (get_team_role).
      ...(context.index % 2 === 0 ? ['team-roles'] : []),
      ...(hasAllProjectsDetector(context)
        ? [ALL_PROJECTS_DETECTOR_FEATURE]
        : []),
    ],
    extraOptions: {
      traces: { spansExtractionDate: null, checkSpanExtractionDate: false },
    },
    openMembership: true,
  };
}
