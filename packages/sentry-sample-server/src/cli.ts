/*
 * Runs the sample server from the command line:
 *   tsx packages/sentry-sample-server/src/cli.ts [--preset S|M|L|XL] [--seed N] [--data file.json]
 *     [--port 9000] [--host 127.0.0.1] [--token T]... [--rate-limit 40/1 | --no-rate-limit]
 *     [--url-prefix https://sentry.example.com] [--latency MS]
 * Tokens are never printed.
 */
import { collectionCount } from './collection';
import { generateSampleData } from './generator/generateSampleData';
import { PRESETS } from './generator/presets';
import { loadSampleData } from './loadSampleData';
import { ALL_SCOPES } from './server/scopes';
import {
  DEFAULT_SAMPLE_TOKEN,
  startSampleServer,
} from './server/startSampleServer';
import type { SampleData, SizePreset } from './types/sampleData';
import type { LatencyOptions, RateLimitOptions } from './types/serverOptions';

interface CliOptions {
  preset: SizePreset;
  seed: number;
  dataFile?: string;
  port: number;
  host: string;
  tokens: string[];
  /** The tokens' scopes; default every scope. */
  scopes: string[];
  rateLimit: RateLimitOptions;
  urlPrefix?: string;
  latency?: LatencyOptions;
}

const USAGE =
  'usage: cli.ts [--preset S|M|L|XL] [--seed N] [--data file.json] [--port 9000] [--host 127.0.0.1] ' +
  '[--token T]... [--scopes org:read,member:read,...] [--rate-limit LIMIT/SECONDS | --no-rate-limit] [--url-prefix https://host] ' +
  '[--latency MS]';

function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = {
    preset: 'S',
    seed: 1,
    port: 9000,
    host: '127.0.0.1',
    tokens: [],
    scopes: [...ALL_SCOPES],
    rateLimit: { limit: 40, windowSeconds: 1 },
  };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined)
        throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    switch (flag) {
      case '--preset': {
        const preset = value().toUpperCase();
        if (!(preset in PRESETS))
          throw new Error(
            `--preset must be one of ${Object.keys(PRESETS).join(', ')}`,
          );
        options.preset = preset as SizePreset;
        break;
      }
      case '--seed':
        options.seed = integer(flag, value());
        break;
      case '--data':
        options.dataFile = value();
        break;
      case '--port':
        options.port = integer(flag, value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--token':
        options.tokens.push(value());
        break;
      case '--scopes': {
        const scopes = value().split(',');
        const unknown = scopes.filter(scope => !ALL_SCOPES.includes(scope));
        if (unknown.length > 0)
          throw new Error(
            `--scopes: unknown scope(s) ${unknown.join(', ')}; known: ${ALL_SCOPES.join(', ')}`,
          );
        options.scopes = scopes;
        break;
      }
      case '--rate-limit': {
        const match = /^(\d+)\/(\d+)$/.exec(value());
        if (!match)
          throw new Error('--rate-limit takes LIMIT/SECONDS, e.g. 40/1');
        options.rateLimit = {
          limit: Number(match[1]),
          windowSeconds: Number(match[2]),
        };
        break;
      }
      case '--url-prefix':
        options.urlPrefix = value();
        break;
      case '--latency':
        // The round trip of a network, with jitter; see server/networkLatency.ts.
        options.latency = { ms: integer(flag, value()) };
        break;
      case '--no-rate-limit':
        options.rateLimit = { limit: 40, windowSeconds: 1, enabled: false };
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (options.tokens.length === 0)
    options.tokens.push(process.env.SENTRY_TOKEN || DEFAULT_SAMPLE_TOKEN);
  return options;
}

function integer(flag: string, text: string): number {
  if (!/^\d+$/.test(text))
    throw new Error(`${flag} must be a non-negative integer`);
  return Number(text);
}

function summarize(data: SampleData, source: string): string {
  const total = (
    pick: (organization: SampleData['organizations'][number]) => number,
  ) =>
    data.organizations.reduce(
      (sum, organization) => sum + pick(organization),
      0,
    );
  return [
    source,
    `${data.organizations.length} organizations`,
    `${total(o => collectionCount(o.members))} members`,
    `${total(o => collectionCount(o.teams))} teams`,
    `${total(o => collectionCount(o.projects))} projects`,
    `${total(o => collectionCount(o.releases))} releases`,
    `${total(o => collectionCount(o.workflows))} workflows`,
  ].join(', ');
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const data = options.dataFile
    ? loadSampleData(options.dataFile)
    : generateSampleData({ preset: options.preset, seed: options.seed });
  const source = options.dataFile
    ? `data ${options.dataFile}`
    : `preset ${options.preset}, seed ${options.seed}`;
  const server = await startSampleServer({
    data,
    port: options.port,
    host: options.host,
    tokens: options.tokens.map(token => ({
      token,
      scopes: options.scopes,
      kind: 'user',
    })),
    rateLimit: options.rateLimit,
    urlPrefix: options.urlPrefix,
    latency: options.latency,
  });
  process.stdout.write(
    `sentry-sample-server listening on ${server.url} (${summarize(data, source)}` +
      `${options.latency ? `, ${options.latency.ms} ms latency` : ''})\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      error => {
        process.stderr.write(
          `sentry-sample-server: error while stopping on ${signal}: ${String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch(error => {
  process.stderr.write(
    `sentry-sample-server: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
