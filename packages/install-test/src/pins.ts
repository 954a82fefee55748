/*
 * What the fresh app needs, besides our packages, to run on the current
 * Backstage release (2026-11-17), each with why. create-app 0.9.2 writes
 * the caret ranges of Backstage 1.55.0: for most packages they reach the
 * current release, but a caret on a 0.x version stops at the next minor, so
 * a few of the app's own dependencies stay on the previous release. Each
 * pin raises one of those to the current release, in the app's
 * package.json, before its install, as an operator who keeps the app on
 * one release would. A pin the template already satisfies is skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './settings';

export interface Pin {
  workspace: string;
  field: 'dependencies' | 'devDependencies';
  name: string;
  /** The range create-app wrote (filled in when applied). */
  from?: string;
  to: string;
  why: string;
}

export const PINS: Pin[] = [
  {
    workspace: 'packages/backend',
    field: 'dependencies',
    name: '@backstage/backend-defaults',
    to: '^0.19.0',
    why:
      "the backend does not start without it: create-app writes ^0.18.0, but the template's signals backend " +
      "(^0.3.x) resolves to the release's 0.3.21, which needs backend-defaults 0.19: \"Plugin 'signals' startup " +
      'failed; caused by TypeError: httpRouter.addWebSocketHandler is not a function"',
  },
  {
    workspace: 'packages/backend',
    field: 'dependencies',
    name: '@backstage/plugin-auth-backend',
    to: '^0.31.0',
    why:
      "create-app writes ^0.30.1, whose 0.30.x keeps @backstage/plugin-catalog-node 2.2.5 beside the release's " +
      '3.0.0 that the catalog backend and our backend plugin use',
  },
  {
    workspace: 'packages/app',
    field: 'dependencies',
    name: '@backstage/frontend-plugin-api',
    to: '^1.0.0',
    why:
      "create-app writes ^0.18.1, so the app's own copy is 0.18.1 while createApp (frontend-defaults), every plugin " +
      'of the release and ours use 1.0.0, each from a copy nested under it',
  },
  {
    workspace: 'packages/app',
    field: 'dependencies',
    name: '@backstage/plugin-app-react',
    to: '^0.3.0',
    why:
      'create-app writes ^0.2.7, whose 0.2.x keeps frontend-plugin-api 0.18.1 and filter-predicates 0.1.5 beside the ' +
      "release's; the app's own nav module then fails `yarn tsc` (TS2742: the inferred type of 'SidebarContent' " +
      "cannot be named without a reference to '@backstage/plugin-app-react/node_modules/@backstage/frontend-plugin-api')",
  },
  {
    workspace: 'packages/app',
    field: 'dependencies',
    name: '@backstage/plugin-signals',
    to: '^0.0.37',
    why:
      'create-app writes ^0.0.35, and a caret on 0.0.x takes that patch only: 0.0.35 keeps frontend-plugin-api 0.18.1, ' +
      "filter-predicates 0.1.5 and plugin-signals-react 0.0.26 beside the release's",
  },
  {
    workspace: 'packages/app',
    field: 'dependencies',
    name: '@backstage/plugin-org',
    to: '^0.8.1',
    why:
      'create-app writes ^0.7.9, whose 0.7.x keeps @backstage/core-compat-api 0.5.15, plugin-catalog-react 3.2.3 ' +
      "and filter-predicates 0.1.5 beside the release's 0.6.0, 4.0.0 and 0.2.1 that our card uses",
  },
  {
    workspace: 'packages/app',
    field: 'devDependencies',
    name: '@backstage/frontend-test-utils',
    to: '^1.0.0',
    why:
      'create-app writes ^0.6.4, whose 0.6.x keeps @backstage/filter-predicates 0.1.5 (and frontend-app-api 0.16.8, ' +
      "plugin-app 0.5.3) beside the release's",
  },
];

/** [major, minor, patch] of a ^x.y.z or x.y.z range. */
const base = (range: string) =>
  (/(\d+)\.(\d+)\.(\d+)/.exec(range) ?? []).slice(1).map(Number);

function lower(a: string, b: string): boolean {
  const [x, y] = [base(a), base(b)];
  for (let i = 0; i < 3; i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}

/** Applies each pin the app's package.json files need, before its install; returns those applied, with what they replaced. */
export function pinForTheRelease(): Pin[] {
  const applied: Pin[] = [];
  for (const pin of PINS) {
    const file = path.join(APP_DIR, pin.workspace, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    const from: string | undefined = manifest[pin.field]?.[pin.name];
    if (from === undefined || !lower(from, pin.to)) continue;
    manifest[pin.field][pin.name] = pin.to;
    fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    applied.push({ ...pin, from });
  }
  return applied;
}
