import type { StoredTeam } from '../../graph/RoutineQueries';
import type { TeamRef } from '../kinds/teams';

export interface TeamsToRelist {
  teams: TeamRef[];
  /** How many were chosen for each reason, for the run's report. */
  because: {
    /** New to the graph, or never listed whole. */
    unlisted: number;
    /** Sentry's member count differs from the one at their last listing. */
    memberCount: number;
    /** Named by an audit log entry since the last read: a member joined, left, was edited or accepted an invite. */
    auditLog: number;
    /** A member of theirs has an org role that grants another minimum team role now. */
    changedMember: number;
    /** The share read longest ago. */
    rotation: number;
  };
}

/** Teams with a sign of change besides their listing: by id. */
export interface TeamSignals {
  /** Teams named by the audit log. */
  auditLog: ReadonlySet<string>;
  /** Teams of a member whose org role now grants another minimum team role. */
  changedMember: ReadonlySet<string>;
}

/**
 * The teams whose member listings a routine run reads again: those with a
 * sign of change (new, another member count, named by the audit log, a
 * member whose org role now grants another team role),
 * and then 1 / `rotation` of all teams, those read longest ago, so that a
 * change no listing signals (a team role) is read within `rotation`
 * routine runs: each run moves every other team at least teams / rotation
 * places up that queue.
 */
export function teamsToRelist(
  listed: readonly TeamRef[],
  stored: ReadonlyMap<string, StoredTeam>,
  signals: TeamSignals,
  rotation: number,
): TeamsToRelist {
  const because = {
    unlisted: 0,
    memberCount: 0,
    auditLog: 0,
    changedMember: 0,
    rotation: 0,
  };
  const chosen: TeamRef[] = [];
  const rest: Array<{ team: TeamRef; listedAt: number }> = [];
  for (const team of listed) {
    const before = stored.get(team.id);
    if (before?.membersListed === undefined) because.unlisted++;
    else if ((team.memberCount ?? undefined) !== before.listedCount)
      because.memberCount++;
    else if (signals.auditLog.has(team.id)) because.auditLog++;
    else if (signals.changedMember.has(team.id)) because.changedMember++;
    else {
      rest.push({ team, listedAt: before.membersListed });
      continue;
    }
    chosen.push(team);
  }
  rest.sort(
    (a, b) => a.listedAt - b.listedAt || a.team.id.localeCompare(b.team.id),
  );
  const oldest = rest.slice(0, Math.ceil(listed.length / rotation));
  because.rotation = oldest.length;
  return { teams: [...chosen, ...oldest.map(r => r.team)], because };
}
