import { effectiveTeamRole, isGlobalTeamAdmin, orgRoleOf } from './teamRoles';

describe('effectiveTeamRole with the team-roles feature', () => {
  it.each([
    ['member', null, 'contributor'],
    ['member', 'contributor', 'contributor'],
    ['member', 'admin', 'admin'],
    ['billing', null, 'contributor'],
    ['billing', 'admin', 'admin'],
    ['admin', null, 'admin'],
    ['admin', 'contributor', 'admin'],
    ['manager', null, 'admin'],
    ['manager', 'contributor', 'admin'],
    ['owner', null, 'admin'],
    ['owner', 'contributor', 'admin'],
    ['some-future-role', null, 'contributor'],
    [undefined, null, 'contributor'],
    ['member', 'unknown-team-role', 'contributor'],
  ])(
    'org role %p with stored team role %p is %p',
    (orgRole, stored, expected) => {
      expect(effectiveTeamRole(orgRole, stored, true)).toBe(expected);
    },
  );
});

describe('effectiveTeamRole without the team-roles feature', () => {
  it.each([
    ['member', 'admin', 'contributor'],
    ['billing', 'admin', 'contributor'],
    ['admin', null, 'admin'],
    ['manager', 'contributor', 'admin'],
    ['owner', null, 'admin'],
  ])(
    'org role %p with stored team role %p is %p, the org role minimum',
    (orgRole, stored, expected) => {
      expect(effectiveTeamRole(orgRole, stored, false)).toBe(expected);
    },
  );
});

describe('isGlobalTeamAdmin', () => {
  it('is true for owners and managers, false for other roles', () => {
    expect(isGlobalTeamAdmin({ orgRole: 'owner' })).toBe(true);
    expect(isGlobalTeamAdmin({ orgRole: 'manager' })).toBe(true);
    expect(isGlobalTeamAdmin({ orgRole: 'admin' })).toBe(false);
    expect(isGlobalTeamAdmin({ orgRole: 'member' })).toBe(false);
    expect(isGlobalTeamAdmin({ orgRole: 'billing' })).toBe(false);
  });

  it('falls back to the deprecated role field', () => {
    expect(isGlobalTeamAdmin({ role: 'owner' })).toBe(true);
    expect(orgRoleOf({ orgRole: null, role: 'manager' })).toBe('manager');
  });

  it('does not make a pending owner invite an admin', () => {
    expect(isGlobalTeamAdmin({ orgRole: 'owner', pending: true })).toBe(false);
  });
});
