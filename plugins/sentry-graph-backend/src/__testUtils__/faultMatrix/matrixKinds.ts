/*
 * The rows of the fault matrix: every listing (and the one detail) a sync
 * reads, each with data that gives it a second page, so that a fault on
 * page 2 strikes in the middle of a listing whose first page was written.
 */
import type { ItemCorruption } from '@sentry-graph/sentry-sample-server';
import type { RunStatus } from '../../sync/types';
import { acmeOrganization, type FixtureOrganization } from '../acmeFixture';
import {
  detectorJson,
  legacyRuleJson,
  memberJson,
  projectJson,
  releaseJson,
  teamJson,
  workflowJson,
} from '../sentryJson';

export interface MatrixKind {
  /** As the docs' table names it. */
  name: string;
  /** The requests the fault strikes. */
  path: RegExp;
  /** The 0-based page it strikes; undefined for a detail, which has no pages. */
  page?: number;
  /** The organization Sentry serves in this row. */
  organization(): FixtureOrganization;
  /** How the "one invalid item" fault breaks an item of this listing (keeping its id where it can). */
  corruption: ItemCorruption;
  /** The run's status, as docs/api.md defines them, when this listing fails. */
  status: RunStatus;
  /** What the run's message must name: the kind, and for alert rules the listing. */
  names: RegExp;
}

/** Items a padded listing gets, past Sentry's page of 100. */
const PADDING = 100;
const padding = <T>(item: (n: number) => T): T[] =>
  Array.from({ length: PADDING }, (_, n) => item(n + 1));

const fillerMember = (n: number) =>
  memberJson({
    id: String(2100 + n),
    email: `filler-${n}@acme.test`,
    orgRole: 'member',
    has2fa: true,
  });

function withMembers(acme: FixtureOrganization): FixtureOrganization {
  return { ...acme, members: [...acme.members, ...padding(fillerMember)] };
}

function withTeams(acme: FixtureOrganization): FixtureOrganization {
  const teams = padding(n =>
    teamJson({
      id: String(3100 + n),
      slug: `team-${n}`,
      name: `Team ${n}`,
      memberCount: 0,
    }),
  );
  return {
    ...acme,
    teams: [...acme.teams, ...teams],
    teamMembers: {
      ...acme.teamMembers,
      ...Object.fromEntries(teams.map(team => [team.slug, []])),
    },
  };
}

/** Backend gets a hundred more members, who are members of the organization too. */
function withTeamMembers(acme: FixtureOrganization): FixtureOrganization {
  const members = withMembers(acme);
  return {
    ...members,
    teamMembers: {
      ...acme.teamMembers,
      backend: [
        ...acme.teamMembers.backend,
        ...padding(n => ({ memberId: String(2100 + n), teamRole: null })),
      ],
    },
  };
}

function withProjects(acme: FixtureOrganization): FixtureOrganization {
  const projects = padding(n =>
    projectJson({
      id: String(4100 + n),
      slug: `project-${n}`,
      name: `Project ${n}`,
      platform: 'go',
      firstEvent: null,
      teams: [],
    }),
  );
  return { ...acme, projects: [...acme.projects, ...projects] };
}

function withReleases(acme: FixtureOrganization): FixtureOrganization {
  const releases = padding(n =>
    releaseJson({
      id: 7100 + n,
      version: `api@0.${n}.0`,
      dateCreated: `2023-0${1 + (n % 9)}-01T00:00:00Z`,
      projectRefs: [{ id: 4001, slug: 'api' }],
    }),
  );
  return { ...acme, releases: [...acme.releases, ...releases] };
}

function withWorkflows(acme: FixtureOrganization): FixtureOrganization {
  const workflows = padding(n =>
    workflowJson({
      id: String(6100 + n),
      name: `Issue alert ${n}`,
      detectorIds: ['5001'],
      triggerLogic: 'any',
      filterLogic: [],
      environment: null,
      frequencyMinutes: 60,
      enabled: true,
    }),
  );
  return { ...acme, workflows: [...acme.workflows, ...workflows] };
}

function withDetectors(acme: FixtureOrganization): FixtureOrganization {
  const detectors = padding(n =>
    detectorJson({ id: String(5100 + n), projectId: '4003', type: 'error' }),
  );
  return { ...acme, detectors: [...acme.detectors, ...detectors] };
}

/** A self-hosted Sentry without the workflows API: rules come from the per-project listing. */
function withLegacyRules(acme: FixtureOrganization): FixtureOrganization {
  const rule = (id: number, project: string) =>
    legacyRuleJson({ id: String(id), name: `Rule ${id}`, project });
  return {
    ...acme,
    workflowsApi: false,
    legacyRules: {
      api: Array.from({ length: PADDING + 2 }, (_, n) => rule(11 + n, 'api')),
      web: [rule(200, 'web')],
    },
  };
}

const padded =
  (pad: (acme: FixtureOrganization) => FixtureOrganization) => () =>
    pad(acmeOrganization());

export const MATRIX_KINDS: readonly MatrixKind[] = [
  {
    name: 'organizations list',
    path: /^\/api\/0\/organizations\/$/,
    page: 0,
    organization: acmeOrganization,
    corruption: 'null-name',
    status: 'failed',
    names: /organizations/,
  },
  {
    name: 'organization detail',
    path: /^\/api\/0\/organizations\/acme\/$/,
    organization: acmeOrganization,
    corruption: 'null-name',
    status: 'failed',
    names: /^acme organization: /,
  },
  {
    name: 'teams',
    path: /^\/api\/0\/organizations\/acme\/teams\/$/,
    page: 1,
    organization: padded(withTeams),
    corruption: 'null-name',
    status: 'partial',
    names: /^acme teams: /,
  },
  {
    name: 'members',
    path: /^\/api\/0\/organizations\/acme\/members\/$/,
    page: 1,
    organization: padded(withMembers),
    corruption: 'wrong-field-type',
    status: 'partial',
    names: /^acme members: /,
  },
  {
    name: 'team memberships',
    path: /^\/api\/0\/teams\/acme\/backend\/members\/$/,
    page: 1,
    organization: padded(withTeamMembers),
    corruption: 'wrong-id-type',
    status: 'partial',
    names: /^acme team-memberships: /,
  },
  {
    name: 'projects',
    path: /^\/api\/0\/organizations\/acme\/projects\/$/,
    page: 1,
    organization: padded(withProjects),
    corruption: 'null-name',
    status: 'partial',
    names: /^acme projects: /,
  },
  {
    name: 'releases',
    path: /^\/api\/0\/organizations\/acme\/releases\/$/,
    page: 1,
    organization: padded(withReleases),
    corruption: 'wrong-field-type',
    status: 'partial',
    names: /^acme releases: /,
  },
  {
    name: 'workflows',
    path: /^\/api\/0\/organizations\/acme\/workflows\/$/,
    page: 1,
    organization: padded(withWorkflows),
    corruption: 'null-name',
    status: 'partial',
    names: /^acme alert-rules: .*workflows/,
  },
  {
    name: 'detectors',
    path: /^\/api\/0\/organizations\/acme\/detectors\/$/,
    page: 1,
    organization: padded(withDetectors),
    corruption: 'null-name',
    status: 'partial',
    names: /^acme alert-rules: .*detectors/,
  },
  {
    name: 'legacy rules',
    path: /^\/api\/0\/projects\/acme\/api\/rules\/$/,
    page: 1,
    organization: padded(withLegacyRules),
    corruption: 'null-name',
    status: 'partial',
    names: /^acme alert-rules: .*rules/,
  },
];
