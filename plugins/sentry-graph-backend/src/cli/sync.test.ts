import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { cliConfigFile, runCli } from '../__testUtils__/cliProcess';
import { testNeo4jConnection } from '../__testUtils__/testGraph';

const env = useAcmeEnvironment();
const configFile = (neo4jUri: string) =>
  cliConfigFile(env.sentry.url, neo4jUri);

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

  it('runs a routine run with --mode routine, printing its kind, what it skipped and the requests by endpoint', async () => {
    const config = configFile(testNeo4jConnection().uri);
    const full = await runCli(['--config', config]);
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(
      /^Sync succeeded in \d+\.\d s, a full run \(update tag/,
    );
    expect(full.stdout).toContain(
      "  kind: full: a full run, the command line's default (--mode routine asks for a routine run)",
    );
    expect(full.stdout).not.toContain('skipped:');

    const routine = await runCli(['--config', config, '--mode', 'routine']);
    expect(routine.code).toBe(0);
    expect(routine.stdout).toMatch(
      /^Sync succeeded in \d+\.\d s, a routine run \(update tag/,
    );
    expect(routine.stdout).toMatch(/^ {2}skipped: acme: .+/m);
    expect(routine.stdout).toMatch(
      /^ {2}requests by endpoint: (.*, )?members \d+/m,
    );

    const json = await runCli([
      '--config',
      config,
      '--mode',
      'routine',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      kind: 'routine',
      kindReason: 'a routine run, as --mode routine asked',
      skipped: expect.arrayContaining([expect.stringMatching(/^acme: /)]),
    });
  });

  it('exits 1 with the usage for a mode other than full or routine', async () => {
    const { code, stdout, stderr } = await runCli([
      '--config',
      configFile(testNeo4jConnection().uri),
      '--mode',
      'quick',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^usage: .*\[--mode full\|routine \(default full\)\]/,
    );
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
