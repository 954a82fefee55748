import type { StoredTeam } from '../../graph/RoutineQueries';
import { teamsToRelist } from './teamsToRelist';

const team = (id: string, memberCount = 3) => ({
  id,
  slug: `t${id}`,
  memberCount,
});

describe('teamsToRelist', () => {
  const stored = new Map<string, StoredTeam>([
    ['1', { listedCount: 3, membersListed: 100 }],
    ['2', { listedCount: 3, membersListed: 90 }],
    ['3', { listedCount: 3, membersListed: 80 }],
    ['4', { listedCount: 2, membersListed: 100 }],
    ['5', { listedCount: 3, membersListed: 100 }],
    ['6', { listedCount: 3, membersListed: 100 }],
    ['7', { listedCount: 3, membersListed: 70 }],
  ]);
  const noSignals = {
    auditLog: new Set<string>(),
    changedMember: new Set<string>(),
  };
  const listed = ['1', '2', '3', '4', '5', '6', '7', '8'].map(id => team(id));

  it('takes each team with a sign of change, then the share read longest ago', () => {
    const { teams, because } = teamsToRelist(
      listed,
      stored,
      { auditLog: new Set(['6']), changedMember: new Set(['5', '6']) },
      4,
    );
    expect(because).toEqual({
      unlisted: 1,
      memberCount: 1,
      auditLog: 1,
      changedMember: 1,
      rotation: 2,
    });
    expect(teams.map(t => t.id)).toEqual(['4', '5', '6', '8', '7', '3']);
  });

  it('reads every team again within `rotation` runs', () => {
    const state = new Map(stored);
    const teams = listed.map(t => ({
      ...t,
      memberCount: state.get(t.id)?.listedCount ?? 3,
    }));
    const readIn = new Map<string, number>();
    for (let run = 1; run <= 4; run++) {
      for (const t of teamsToRelist(teams, state, noSignals, 4).teams) {
        if (!readIn.has(t.id)) readIn.set(t.id, run);
        state.set(t.id, {
          listedCount: t.memberCount ?? undefined,
          membersListed: 1000 + run,
        });
      }
    }
    expect([...readIn.keys()].sort()).toEqual(listed.map(t => t.id));
  });
});
