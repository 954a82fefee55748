import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { testNeo4jConnection } from '../__testUtils__/testGraph';

const env = useAcmeEnvironment();
const TSX = path.resolve(
  __dirname,
  '../../../../node_modules/tsx/dist/cli.mjs',
);
const CLI = path.resolve(__dirname, 'sync.ts');

const configFile = (neo4jUri: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentry-graph-cli-'));
  const file = path.join(dir, 'app-config.yaml');
  // Secrets come from the environment, as in a real deployment.
  fs.writeFileSync(
    file,
    [
      'sentryGraph:',
      '  sentry:',
      `    baseUrl: ${env.sentry.url}`,
      '    token: ${TEST_SENTRY_TOKEN}',
      '    organizations: [acme]',
      '    maxRetries: 1',
      '  neo4j:',
      `    uri: ${neo4jUri}`,
      '    username: neo4j',
      '    password: ${TEST_NEO4J_PASSWORD}',
    ].join('\n'),
  );
  return file;
};

function runCli(args: string[], password = testNeo4jConnection().password) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(
    resolve => {
      const child = spawn(process.execPath, [TSX, CLI, ...args], {
        env: {
          ...process.env,
          TEST_SENTRY_TOKEN: 'sample-token',
          TEST_NEO4J_PASSWORD: password,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', chunk => (stdout += chunk));
      child.stderr.on('data', chunk => (stderr += chunk));
      child.on('exit', code => resolve({ code, stdout, stderr }));
    },
  );
}

describe('npm run sync', () => {
  it('exits 0 after a successful run and prints the result with --json', async () => {
    const { code, stdout } = await runCli([
      '--config',
      configFile(testNeo4jConnection().uri),
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.status).toBe('succeeded');
    expect(result.organizations[0].kinds.members.written).toBe(8);
  });

  it('exits 2 when the run is partial and says why in its summary', async () => {
    env.sentry.setFaults([
      { path: '/organizations/acme/projects/', kind: 'status', status: 500 },
    ]);
    const { code, stdout } = await runCli([
      '--config',
      configFile(testNeo4jConnection().uri),
    ]);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^Sync partial/);
    expect(stdout).toMatch(/projects\s+incomplete/);
  });

  it('exits 1 when Neo4j cannot be reached, without printing the password', async () => {
    const { code, stdout, stderr } = await runCli(
      ['--config', configFile('bolt://127.0.0.1:1')],
      'cli-secret-password',
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/Sync failed/);
    expect(stdout + stderr).not.toContain('cli-secret-password');
  });

  it('exits 1 with the offending key named when the config is wrong', async () => {
    const { code, stderr } = await runCli([
      '--config',
      configFile('http://nope'),
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('sentryGraph.neo4j.uri');
  });
});
