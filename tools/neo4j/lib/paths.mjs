// Where the launcher's sources, build output and servers' data live.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
export const REPO_ROOT = path.resolve(TOOL_DIR, '..', '..');
export const POM = path.join(TOOL_DIR, 'pom.xml');
export const SRC_DIR = path.join(TOOL_DIR, 'src');
export const TARGET_DIR = path.join(TOOL_DIR, 'target');
export const JAR = path.join(TARGET_DIR, 'neo4j-launcher.jar');
export const CDS_DIR = path.join(TARGET_DIR, 'cds');
export const STATE_ROOT = path.join(REPO_ROOT, '.neo4j');
/** What a launcher process has on its command line. */
export const MAIN_CLASS_MARK = 'neo4j-launcher.jar';
