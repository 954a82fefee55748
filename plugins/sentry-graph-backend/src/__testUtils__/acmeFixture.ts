/*
 * A small organization that exercises every rule of the contract: owners and
 * managers not on every team, the retired admin role, a member known only by
 * the deprecated `role`, null and explicit team roles, pending and expired
 * invites, a project without a team, a release without projects, workflows
 * on issue, metric, cron and uptime detectors, detached and disabled ones.
 * The expected graph is written out by hand in the tests that use it.
 */
import type {
  DetectorJson,
  MemberJson,
  ProjectJson,
  ReleaseJson,
  SampleOrganization,
  TeamJson,
  WorkflowJson,
} from '@sentry-graph/sentry-sample-server';
import {
  detectorJson,
  memberJson,
  organizationJson,
  projectJson,
  releaseJson,
  teamJson,
  workflowJson,
} from './sentryJson';

const backend = { id: '3001', slug: 'backend', name: 'Backend' };
const frontend = { id: '3002', slug: 'frontend', name: 'Frontend' };

/** A sample organization whose listings are plain arrays, easy to change in a test. */
export interface FixtureOrganization extends SampleOrganization {
  members: MemberJson[];
  teams: TeamJson[];
  projects: ProjectJson[];
  releases: ReleaseJson[];
  detectors: DetectorJson[];
  workflows: WorkflowJson[];
}

export function acmeOrganization(): FixtureOrganization {
  return {
    organization: organizationJson({
      id: '1001',
      slug: 'acme',
      name: 'Acme',
      require2FA: true,
      dateCreated: '2018-11-06T21:19:55.101Z',
      // Stored team roles count only with this plan feature.
      features: ['team-roles'],
    }),
    members: [
      memberJson({
        id: '2001',
        email: 'alice@acme.test',
        name: 'Alice',
        orgRole: 'owner',
        has2fa: true,
      }),
      memberJson({
        id: '2002',
        email: 'bob@acme.test',
        name: 'Bob',
        orgRole: 'manager',
        has2fa: false,
      }),
      memberJson({
        id: '2003',
        email: 'carol@acme.test',
        name: 'Carol',
        orgRole: 'member',
        has2fa: true,
      }),
      memberJson({
        id: '2004',
        email: 'dave@acme.test',
        name: 'Dave',
        orgRole: 'member',
        has2fa: false,
        withoutOrgRole: true,
      }),
      memberJson({
        id: '2005',
        email: 'erin@acme.test',
        name: 'Erin',
        orgRole: 'admin',
        has2fa: true,
      }),
      memberJson({
        id: '2006',
        email: 'frank@acme.test',
        name: 'Frank',
        orgRole: 'billing',
        has2fa: false,
      }),
      memberJson({
        id: '2007',
        email: 'grace@acme.test',
        orgRole: 'member',
        has2fa: null,
      }),
      memberJson({
        id: '2008',
        email: 'heidi@acme.test',
        orgRole: 'owner',
        has2fa: null,
        expired: true,
      }),
    ],
    teams: [
      teamJson({ ...backend, memberCount: 3 }),
      teamJson({ ...frontend, memberCount: 2 }),
      teamJson({
        id: '3003',
        slug: 'equipe',
        name: 'Équipe Ünïcode 🚀',
        memberCount: 0,
      }),
      teamJson({
        id: '3004',
        slug: 'ops',
        name: 'Ops',
        memberCount: 1,
        dateCreated: '2020-02-02T00:00:00.000Z',
      }),
    ],
    teamMembers: {
      backend: [
        { memberId: '2003', teamRole: 'admin' },
        { memberId: '2004', teamRole: 'contributor' },
        { memberId: '2001', teamRole: null },
      ],
      frontend: [
        { memberId: '2005', teamRole: null },
        { memberId: '2006', teamRole: null },
      ],
      equipe: [],
      ops: [{ memberId: '2004', teamRole: null }],
    },
    projects: [
      projectJson({
        id: '4001',
        slug: 'api',
        name: 'API',
        platform: 'python',
        firstEvent: '2020-03-01T10:00:00Z',
        teams: [backend],
      }),
      projectJson({
        id: '4002',
        slug: 'web',
        name: 'Web',
        platform: 'javascript',
        firstEvent: null,
        teams: [frontend, backend],
      }),
      projectJson({
        id: '4003',
        slug: 'orphan',
        name: 'Orphan',
        platform: null,
        firstEvent: null,
        teams: [],
      }),
    ],
    releases: [
      releaseJson({
        id: 7001,
        version: 'api@1.0.0',
        shortVersion: '1.0.0',
        dateCreated: '2024-01-01T00:00:00Z',
        dateReleased: '2024-01-02T00:00:00Z',
        commitCount: 3,
        deployCount: 1,
        newGroups: 2,
        ref: 'abc123',
        url: 'https://example.invalid/releases/api-1.0.0',
        projectRefs: [{ id: 4001, slug: 'api' }],
      }),
      releaseJson({
        id: 7002,
        version: 'web@2.0.0',
        dateCreated: '2024-02-01T00:00:00Z',
        projectRefs: [
          { id: 4002, slug: 'web' },
          { id: 4001, slug: 'api' },
        ],
      }),
      releaseJson({
        id: 7003,
        version: 'shared@1.0.0',
        dateCreated: '2023-12-01T00:00:00Z',
        projectRefs: [],
      }),
    ],
    detectors: [
      detectorJson({ id: '5001', projectId: '4001', type: 'issue_stream' }),
      detectorJson({ id: '5002', projectId: '4001', type: 'error' }),
      detectorJson({ id: '5003', projectId: '4002', type: 'issue_stream' }),
      detectorJson({ id: '5004', projectId: '4002', type: 'metric_issue' }),
      detectorJson({
        id: '5005',
        projectId: '4003',
        type: 'monitor_check_in_failure',
      }),
      detectorJson({
        id: '5006',
        projectId: '4003',
        type: 'uptime_domain_failure',
      }),
    ],
    workflows: [
      workflowJson({
        id: '6001',
        name: 'Notify on new issues',
        detectorIds: ['5001', '5005'],
        triggerLogic: 'any-short',
        filterLogic: ['all'],
        environment: 'production',
        frequencyMinutes: 30,
        enabled: true,
      }),
      workflowJson({
        id: '6002',
        name: 'Errors everywhere',
        detectorIds: ['5003', '5002'],
        triggerLogic: 'all',
        filterLogic: [],
        environment: null,
        frequencyMinutes: 0,
        enabled: false,
      }),
      workflowJson({
        id: '6003',
        name: 'Metric alert',
        detectorIds: ['5004'],
        triggerLogic: 'any',
        filterLogic: [],
        environment: null,
        frequencyMinutes: 5,
        enabled: true,
      }),
      workflowJson({
        id: '6004',
        name: 'Detached',
        detectorIds: [],
        triggerLogic: 'any',
        filterLogic: [],
        environment: null,
        frequencyMinutes: 5,
        enabled: true,
      }),
      workflowJson({
        id: '6005',
        name: 'Uptime',
        detectorIds: ['5006'],
        triggerLogic: 'any',
        filterLogic: [],
        environment: null,
        frequencyMinutes: 5,
        enabled: true,
      }),
      workflowJson({
        id: '6006',
        name: 'Web only',
        detectorIds: ['5003'],
        triggerLogic: 'none',
        filterLogic: ['any-short', 'all'],
        environment: 'staging',
        frequencyMinutes: 1440,
        enabled: true,
      }),
    ],
  };
}

/** Another organization of the same installation, with nothing in it yet. */
export function emptyOrganization(fields: {
  id: string;
  slug: string;
  name: string;
}): FixtureOrganization {
  return {
    organization: organizationJson(fields),
    members: [],
    teams: [],
    teamMembers: {},
    projects: [],
    releases: [],
    detectors: [],
    workflows: [],
  };
}
