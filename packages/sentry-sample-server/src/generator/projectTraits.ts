import { itemRandom, type OrganizationContext } from './organizationContext';
import { PLATFORMS } from './vocabulary';

/** Projects in serving order (by slug) and the teams that own them (team serving indices). */
export interface ProjectPlan {
  slugs: string[];
  names: string[];
  ids: string[];
  /** Creation order (the candidate index): ids, dates and random streams follow it. */
  creationIndex: number[];
  teams: number[][];
}

/** A project's platform: the first draw of its random stream, so releases can repeat it. */
export function projectPlatform(
  context: OrganizationContext,
  plan: ProjectPlan,
  index: number,
): string {
  return itemRandom(context, 'project', plan.creationIndex[index]).pick(
    PLATFORMS,
  );
}
