import type { SizePreset, Sizes } from '../types/sampleData';

/** Data set sizes per organization. "rules" counts issue alert workflows. */
export const PRESETS: Record<
  SizePreset,
  { organizations: number; sizes: Sizes }
> = {
  /** Smoke tests and the demo. */
  S: {
    organizations: 2,
    sizes: { members: 40, teams: 6, projects: 12, releases: 60, rules: 12 },
  },
  M: {
    organizations: 1,
    sizes: {
      members: 1_000,
      teams: 100,
      projects: 300,
      releases: 10_000,
      rules: 1_000,
    },
  },
  L: {
    organizations: 2,
    sizes: {
      members: 5_000,
      teams: 500,
      projects: 2_000,
      releases: 50_000,
      rules: 6_000,
    },
  },
  XL: {
    organizations: 1,
    sizes: {
      members: 20_000,
      teams: 2_000,
      projects: 10_000,
      releases: 500_000,
      rules: 30_000,
    },
  },
};
