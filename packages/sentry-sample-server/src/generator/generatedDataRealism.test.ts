import type {
  DetectorJson,
  MemberJson,
  ProjectJson,
  ReleaseJson,
  SampleOrganization,
  TeamJson,
  WorkflowJson,
} from '../index';
import { effectiveTeamRole, hasTeamRolesFeature } from '../server/scopes';
import { collectAll } from '../testing/collectAll';
import { generateSampleData } from './generateSampleData';

const ISSUE_DETECTORS = new Set(['issue_stream', 'error']);

describe('generated data is realistic', () => {
  const data = generateSampleData({ preset: 'S' });
  const [acme, globex] = data.organizations;
  const members = collectAll<MemberJson>(acme.members);
  const teams = collectAll<TeamJson>(acme.teams);
  const projects = collectAll<ProjectJson>(acme.projects);
  const workflows = collectAll<WorkflowJson>(acme.workflows);
  const detectors = collectAll<DetectorJson>(acme.detectors);
  const memberById = new Map(members.map(member => [member.id, member]));
  const roleOf = (member: MemberJson) => member.orgRole ?? member.role;

  it("has pending and expired invites shaped like Sentry's (user null, name = email)", () => {
    const pending = members.filter(member => member.pending);
    expect(pending.length).toBeGreaterThan(0);
    expect(
      pending.every(
        member => member.user === null && member.name === member.email,
      ),
    ).toBe(true);
    expect(pending.some(member => member.expired)).toBe(true);
    expect(
      members
        .filter(member => !member.pending)
        .every(member => member.user !== null),
    ).toBe(true);
  });

  it('mixes org roles (member, manager, owner, billing, retired admin), 2FA, and members with only the deprecated role', () => {
    expect(new Set(members.map(roleOf))).toEqual(
      new Set(['member', 'manager', 'owner', 'billing', 'admin']),
    );
    expect(
      members.some(
        member => member.orgRole === undefined && member.role !== undefined,
      ),
    ).toBe(true);
    const twoFactor = members
      .filter(member => member.user)
      .map(member => member.user!.has2fa);
    expect(twoFactor).toContain(true);
    expect(twoFactor).toContain(false);
    expect(
      data.organizations.filter(
        organization => organization.organization.require2FA,
      ),
    ).toHaveLength(1);
  });

  it('shares some users between organizations under different membership ids', () => {
    const acmeUsers = new Map(
      members
        .filter(member => member.user)
        .map(member => [member.user!.id, member.id]),
    );
    const shared = collectAll<MemberJson>(globex.members).filter(
      member => member.user && acmeUsers.has(member.user.id),
    );
    expect(shared.length).toBeGreaterThan(0);
    expect(
      shared.every(member => acmeUsers.get(member.user!.id) !== member.id),
    ).toBe(true);
  });

  it('has team memberships that match memberCount, exclude pending invites, and cover every team-role case', () => {
    for (const team of teams) {
      const memberships = acme.teamMembers[team.slug];
      expect(memberships).toHaveLength(team.memberCount);
      expect(
        memberships.every(
          membership => memberById.get(membership.memberId)?.pending === false,
        ),
      ).toBe(true);
    }
    const stored = Object.values(acme.teamMembers)
      .flat()
      .map(membership => membership.teamRole);
    expect(stored.filter(role => role === null).length).toBeGreaterThan(
      stored.length / 2,
    );
    expect(stored).toContain('admin');
    expect(stored).toContain('contributor');
    expect(teams.some(team => team.memberCount === 0)).toBe(true);
    const withoutAdmin = teams.filter(team => {
      const memberships = acme.teamMembers[team.slug];
      return (
        memberships.length > 0 &&
        memberships.every(
          membership =>
            effectiveTeamRole(
              membership.teamRole,
              roleOf(memberById.get(membership.memberId)!),
              hasTeamRolesFeature(acme.organization.features),
            ) === 'contributor',
        )
      );
    });
    expect(withoutAdmin.length).toBeGreaterThan(0);
  });

  it('has an organization without the team-roles plan feature whose memberships store admin roles all the same', () => {
    expect(hasTeamRolesFeature(acme.organization.features)).toBe(true);
    expect(hasTeamRolesFeature(globex.organization.features)).toBe(false);
    const stored = Object.values(globex.teamMembers)
      .flat()
      .map(membership => membership.teamRole);
    expect(stored).toContain('admin');
  });

  it("gives the first organization Sentry's organization-wide issue detector, with an alert on it", () => {
    const allProjects = detectors.filter(
      detector =>
        detector.type === 'issue_stream' && detector.projectId === 'None',
    );
    expect(allProjects).toHaveLength(1);
    expect(
      workflows.some(workflow =>
        workflow.detectorIds.includes(allProjects[0].id),
      ),
    ).toBe(true);
    expect(acme.organization.features).toContain(
      'workflow-engine-all-projects-detector',
    );
    expect(globex.organization.features).not.toContain(
      'workflow-engine-all-projects-detector',
    );
  });

  it('has owners and managers who did not join every team', () => {
    const global = members.filter(
      member =>
        !member.pending &&
        (roleOf(member) === 'owner' || roleOf(member) === 'manager'),
    );
    expect(global.length).toBeGreaterThan(0);
    for (const member of global) {
      const joined = teams.filter(team =>
        acme.teamMembers[team.slug].some(
          membership => membership.memberId === member.id,
        ),
      );
      expect(joined.length).toBeLessThan(teams.length);
    }
  });

  it('has projects with zero to three teams, and unicode names in teams, projects and members', () => {
    const teamCounts = new Set(projects.map(project => project.teams.length));
    expect(teamCounts).toContain(0);
    expect(teamCounts).toContain(3);
    expect(
      projects.every(
        project =>
          project.team === (project.teams[0] ?? null) ||
          project.team?.id === project.teams[0]?.id,
      ),
    ).toBe(true);
    expect(teams.map(team => team.name)).toContain('Équipe Ünïcode 🚀');
    expect(projects.some(project => /[^\p{ASCII}]/u.test(project.name))).toBe(
      true,
    );
    expect(members.some(member => /[^\p{ASCII}]/u.test(member.name))).toBe(
      true,
    );
  });

  it('has releases spanning one to several projects, and versions that repeat across organizations', () => {
    const releases = collectAll<ReleaseJson>(acme.releases);
    expect(releases.some(release => release.projects.length === 1)).toBe(true);
    expect(releases.some(release => release.projects.length > 1)).toBe(true);
    expect(new Set(releases.map(release => release.version)).size).toBe(
      releases.length,
    );
    const globexVersions = new Set(
      collectAll<ReleaseJson>(globex.releases).map(release => release.version),
    );
    expect(globexVersions.has('backend@1.0.0')).toBe(true);
    expect(releases.some(release => release.version === 'backend@1.0.0')).toBe(
      true,
    );
  });

  it('has detectors of every type, issue_stream and error on every project', () => {
    expect(new Set(detectors.map(detector => detector.type))).toEqual(
      new Set([
        'issue_stream',
        'error',
        'metric_issue',
        'uptime_domain_failure',
        'monitor_check_in_failure',
      ]),
    );
    for (const project of projects) {
      const types = detectors
        .filter(detector => detector.projectId === project.id)
        .map(detector => detector.type);
      expect(types).toEqual(expect.arrayContaining(['issue_stream', 'error']));
    }
    const workflowIds = new Set(workflows.map(workflow => workflow.id));
    for (const detector of detectors) {
      expect(detector.workflowIds.every(id => workflowIds.has(id))).toBe(true);
      for (const id of detector.workflowIds)
        expect(
          workflows.find(workflow => workflow.id === id)!.detectorIds,
        ).toContain(detector.id);
    }
  });

  it('has workflows in every shape the client must handle', () => {
    const detectorById = new Map(
      detectors.map(detector => [detector.id, detector]),
    );
    const projectsOf = (workflow: WorkflowJson) =>
      new Set(workflow.detectorIds.map(id => detectorById.get(id)!.projectId));
    const issueAlert = (workflow: WorkflowJson) =>
      workflow.detectorIds.some(id =>
        ISSUE_DETECTORS.has(detectorById.get(id)!.type),
      );
    const alerts = workflows.filter(issueAlert);
    const others = workflows.filter(workflow => !issueAlert(workflow));
    expect(alerts.some(workflow => projectsOf(workflow).size > 1)).toBe(true);
    expect(others.some(workflow => workflow.detectorIds.length === 0)).toBe(
      true,
    );
    expect(
      new Set(
        others.flatMap(workflow =>
          workflow.detectorIds.map(id => detectorById.get(id)!.type),
        ),
      ),
    ).toEqual(
      new Set([
        'metric_issue',
        'uptime_domain_failure',
        'monitor_check_in_failure',
      ]),
    );
    expect(alerts.some(workflow => !workflow.enabled)).toBe(true);
    expect(
      new Set(alerts.map(workflow => workflow.triggers?.logicType)),
    ).toEqual(new Set(['any-short', 'all', 'none']));
    expect(alerts.some(workflow => workflow.actionFilters.length === 0)).toBe(
      true,
    );
    expect(alerts.some(workflow => workflow.actionFilters.length > 0)).toBe(
      true,
    );
    expect(alerts.some(workflow => workflow.environment === null)).toBe(true);
    expect(
      alerts.some(workflow => typeof workflow.environment === 'string'),
    ).toBe(true);
    expect(new Set(alerts.map(workflow => workflow.config.frequency))).toEqual(
      new Set([0, 5, 30, 60, 1440]),
    );
    for (const workflow of workflows) {
      expect(Object.keys(workflow).sort()).toEqual([
        'actionFilters',
        'config',
        'createdBy',
        'dateCreated',
        'dateUpdated',
        'detectorIds',
        'enabled',
        'environment',
        'id',
        'lastTriggered',
        'name',
        'organizationId',
        'owner',
        'triggers',
      ]);
    }
  });

  it('has legacy rules for some projects, in the §3.6 shape, one project each', () => {
    const legacy = acme.legacyRules ?? {};
    const slugs = Object.keys(legacy);
    expect(slugs.length).toBeGreaterThan(0);
    expect(slugs.length).toBeLessThanOrEqual(projects.length);
    for (const slug of slugs) {
      for (const rule of legacy[slug]) {
        expect(rule.projects).toEqual([slug]);
        expect(typeof rule.id).toBe('string');
        expect(['active', 'disabled']).toContain(rule.status);
        expect(['any', 'all', 'none']).toContain(rule.actionMatch);
        expect(
          rule.createdBy === null || Number.isInteger(rule.createdBy.id),
        ).toBe(true);
      }
    }
  });

  it('writes to JSON as plain arrays that load back with the same shape', () => {
    const roundTrip = JSON.parse(JSON.stringify(data)) as {
      organizations: Array<Record<keyof SampleOrganization, unknown>>;
    };
    expect(Array.isArray(roundTrip.organizations[0].releases)).toBe(true);
    expect((roundTrip.organizations[0].releases as unknown[]).length).toBe(60);
  });
});
