/*
 * The three tarballs, as the root `npm run pack` writes them into packs/,
 * and the package.json each carries (what an app installs, after
 * backstage-cli's prepack rewrote it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './processes';
import { PACKAGES, PACKS, ROOT, type PackageKey } from './settings';
import { cleanEnv } from './yarn';

export interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface Tarball {
  file: string;
  manifest: Manifest;
}

export type Tarballs = Record<PackageKey, Tarball>;

/** The root package.json's scripts (the `pack` script is not there in every checkout). */
export function rootScripts(): Record<string, string> {
  return (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
      .scripts ?? {}
  );
}

export function readManifest(file: string): Manifest {
  return JSON.parse(
    execFileSync('tar', ['-xOzf', file, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

/** Runs `npm run pack` and returns the tarball of each package that it wrote. */
export async function pack(): Promise<Tarballs> {
  if (!rootScripts().pack) {
    throw new Error(
      'the root package.json has no "pack" script, so there are no tarballs to install (npm run pack)',
    );
  }
  const startedAt = Date.now();
  await run('npm-run-pack', 'npm', ['run', 'pack'], {
    cwd: ROOT,
    env: cleanEnv(),
    timeoutMs: 15 * 60_000,
  });
  return findTarballs(startedAt);
}

/** The newest tarball of each package in packs/, written after `since` (ms). */
export function findTarballs(since = 0): Tarballs {
  const found: Partial<Tarballs> = {};
  const files = fs.existsSync(PACKS)
    ? fs
        .readdirSync(PACKS)
        .filter(file => file.endsWith('.tgz'))
        .map(file => path.join(PACKS, file))
        .filter(file => fs.statSync(file).mtimeMs >= since - 2000)
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
    : [];
  for (const file of files) {
    const manifest = readManifest(file);
    const key = (Object.keys(PACKAGES) as PackageKey[]).find(
      k => PACKAGES[k] === manifest.name,
    );
    if (key && !found[key]) found[key] = { file, manifest };
  }
  const missing = (Object.keys(PACKAGES) as PackageKey[]).filter(
    key => !found[key],
  );
  if (missing.length > 0) {
    throw new Error(
      `packs/ has no fresh tarball of ${missing.map(key => PACKAGES[key]).join(', ')} ` +
        `(found: ${files.map(f => path.basename(f)).join(', ') || 'none'})`,
    );
  }
  return found as Tarballs;
}
