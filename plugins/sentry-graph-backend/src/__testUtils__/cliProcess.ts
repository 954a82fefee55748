import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testNeo4jConnection } from './testGraph';

const TSX = path.resolve(
  __dirname,
  '../../../../node_modules/tsx/dist/cli.mjs',
);
const CLI = path.resolve(__dirname, '../cli/sync.ts');

export interface CliExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  /** What it printed so far. */
  output(): { stdout: string; stderr: string };
  exited: Promise<CliExit>;
}

/**
 * A config file for `npm run sync`: Sentry at `sentryUrl` (organization
 * acme), Neo4j at `neo4jUri`, and `extra` lines under `sentryGraph`.
 * Secrets come from the environment, as in a real deployment.
 */
export function cliConfigFile(
  sentryUrl: string,
  neo4jUri = testNeo4jConnection().uri,
  extra: string[] = [],
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentry-graph-cli-'));
  const file = path.join(dir, 'app-config.yaml');
  fs.writeFileSync(
    file,
    [
      'sentryGraph:',
      '  sentry:',
      `    baseUrl: ${sentryUrl}`,
      '    token: ${TEST_SENTRY_TOKEN}',
      '    organizations: [acme]',
      '    maxRetries: 1',
      '  neo4j:',
      `    uri: ${neo4jUri}`,
      '    username: neo4j',
      '    password: ${TEST_NEO4J_PASSWORD}',
      ...extra.map(line => `  ${line}`),
    ].join('\n'),
  );
  return file;
}

const running = new Set<CliProcess>();

/** Ends (SIGTERM, which tsx hands on to the sync) every command line still running. */
export async function stopCliProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(cli => {
      cli.child.kill('SIGTERM');
      return cli.exited;
    }),
  );
}

/** `npm run sync -- …args` as a process of its own, with the pinned Node that runs the tests. */
export function startCli(
  args: string[],
  password = testNeo4jConnection().password,
): CliProcess {
  const child = spawn(process.execPath, [TSX, CLI, ...args], {
    env: {
      ...process.env,
      TEST_SENTRY_TOKEN: 'sample-token',
      TEST_NEO4J_PASSWORD: password,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', chunk => (stdout += chunk));
  child.stderr?.on('data', chunk => (stderr += chunk));
  const cli: CliProcess = {
    child,
    output: () => ({ stdout, stderr }),
    exited: new Promise(resolve =>
      child.on('exit', code => {
        running.delete(cli);
        resolve({ code, stdout, stderr });
      }),
    ),
  };
  running.add(cli);
  return cli;
}

export function runCli(args: string[], password?: string): Promise<CliExit> {
  return startCli(args, password).exited;
}
