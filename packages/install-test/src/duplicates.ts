/*
 * One copy of each @backstage package the plugins import. When a plugin's
 * range does not accept the app's release, Yarn nests a second copy under
 * the plugin (or under whatever else asks for another version); for
 * frontend-plugin-api or catalog-react such a copy is a different API, with
 * its own React contexts and extension types.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Tarballs } from './tarballs';

export interface Copy {
  /** The folder, relative to the app. */
  where: string;
  version: string;
}

/** The @backstage packages the three tarballs depend on (dependencies and peerDependencies), with who asks for which range. */
export function backstageImports(tarballs: Tarballs): Map<string, string[]> {
  const wanted = new Map<string, string[]>();
  for (const { manifest } of Object.values(tarballs)) {
    for (const deps of [manifest.dependencies, manifest.peerDependencies]) {
      for (const [name, range] of Object.entries(deps ?? {})) {
        if (!name.startsWith('@backstage/')) continue;
        wanted.set(name, [
          ...(wanted.get(name) ?? []),
          `${manifest.name} ${range}`,
        ]);
      }
    }
  }
  return wanted;
}

/** Every installed copy of the named packages in the app's node_modules trees (node-modules linker), nested ones included. */
export function findCopies(
  appDir: string,
  names: Set<string>,
): Map<string, Copy[]> {
  const copies = new Map<string, Copy[]>();
  const roots = [path.join(appDir, 'node_modules')];
  for (const group of ['packages', 'plugins']) {
    const dir = path.join(appDir, group);
    if (!fs.existsSync(dir)) continue;
    for (const workspace of fs.readdirSync(dir))
      roots.push(path.join(dir, workspace, 'node_modules'));
  }
  const visit = (nodeModules: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(nodeModules, { withFileTypes: true });
    } catch {
      return;
    }
    const packageDirs: Array<{ name: string; dir: string }> = [];
    for (const entry of entries) {
      // Symbolic links are workspaces (backend -> packages/backend): their trees are roots of their own.
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const dir = path.join(nodeModules, entry.name);
      if (entry.name.startsWith('@')) {
        for (const scoped of fs.readdirSync(dir, { withFileTypes: true })) {
          if (scoped.isDirectory())
            packageDirs.push({
              name: `${entry.name}/${scoped.name}`,
              dir: path.join(dir, scoped.name),
            });
        }
      } else {
        packageDirs.push({ name: entry.name, dir });
      }
    }
    for (const { name, dir } of packageDirs) {
      if (names.has(name)) {
        let version = '?';
        try {
          version = JSON.parse(
            fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
          ).version;
        } catch {
          // no package.json
        }
        copies.set(name, [
          ...(copies.get(name) ?? []),
          { where: path.relative(appDir, dir), version },
        ]);
      }
      visit(path.join(dir, 'node_modules'));
    }
  };
  roots.forEach(visit);
  return copies;
}
