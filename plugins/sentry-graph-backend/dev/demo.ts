/*
 * Helpers for `npm run demo` (scripts/demo.sh), kept out of the shell script
 * because they parse JSON, talk HTTP or open SQLite:
 *
 *   demo.ts check-ports <what>=<port> ...
 *       Fails with a readable message when a port the demo needs is taken.
 *   demo.ts reset-schedule <SQLite file>
 *       Forgets the Backstage scheduler's state for the sync task, so that
 *       the first sync starts right after the backend does (see below).
 *   demo.ts first-sync --api <url> --pid <backend pid>
 *       Started together with the backend: waits for it to answer, then for
 *       the first sync created after this helper started, and prints its
 *       outcome and what the graph now holds.
 *       Reads the API token from SENTRY_GRAPH_DEMO_API_TOKEN (not argv,
 *       which `ps` shows).
 */
import type {
  ListedFinding,
  RunSummary,
  SummaryResponse as Summary,
  SyncStatus as Status,
} from '@sentry-graph/plugin-sentry-graph-common';
import knexFactory from 'knex';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { portProblems } from './ports';

const BACKEND_START_TIMEOUT_MS = 180_000;
const POLL_MS = 1000;
/** The demo's initial delay is 10 s; a first sync later than this is odd. */
const FIRST_SYNC_HINT_MS = 30_000;
/** A scheduled start further away than this is not the demo's first sync. */
const NOT_SOON_MS = 10_000;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function checkPorts(specs: string[]): Promise<void> {
  const problems = await portProblems(
    specs.map(spec => {
      const [what, port] = spec.split('=');
      return { what, port: Number(port) };
    }),
  );
  if (problems.length > 0) {
    fail(
      `Cannot start the demo:\n${problems.map(p => `  - ${p}`).join('\n')}\n` +
        'Stop whatever listens there (e.g. `ss -ltnp` or `lsof -i :<port>` shows it). ' +
        'The sample server can move: SENTRY_SAMPLE_PORT=9200 npm run demo',
    );
  }
}

/**
 * The scheduler keeps the task's next start and its current run's ticket in
 * the plugin's database, which the demo keeps in a file so that the run
 * history survives restarts. Left alone, a restarted demo would not sync at
 * startup: the next start would still be up to 30 minutes away, and after a
 * Ctrl-C during a sync the dead run's ticket blocks every run (also POST
 * /sync, with 409) until the task's 20-minute timeout expires. Deleting the
 * task's row while no backend runs is safe: the backend writes it again,
 * with the configured initial delay.
 */
async function resetSchedule(file: string): Promise<void> {
  if (!fs.existsSync(file)) return;
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    if (await knex.schema.hasTable('backstage_backend_tasks__tasks')) {
      await knex('backstage_backend_tasks__tasks')
        .where({ id: 'sentry-graph:sync' })
        .delete();
    }
  } finally {
    await knex.destroy();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function firstSync(api: string, pid: number): Promise<void> {
  const token = process.env.SENTRY_GRAPH_DEMO_API_TOKEN;
  if (!token) fail('SENTRY_GRAPH_DEMO_API_TOKEN is not set');
  const headers = { Authorization: `Bearer ${token}` };
  // The backend was started just before this helper (and takes seconds to
  // boot), so any run created from now on is this demo's.
  const sinceMs = Date.now();
  const backendGone = () => fail('The backend stopped (see its log for why).');

  // The plugin's routes answer only once its initialization finished
  // (migrations, schedule), so /health says the plugin is up, not just Express.
  for (;;) {
    if (!processAlive(pid)) backendGone();
    const up = await fetch(`${api}/health`, {
      signal: AbortSignal.timeout(2000),
    }).then(
      response => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() - sinceMs > BACKEND_START_TIMEOUT_MS) {
      fail(
        `The backend did not answer on ${api}/health within ${BACKEND_START_TIMEOUT_MS / 1000} s.`,
      );
    }
    await sleep(500);
  }
  console.log(
    `Backend up after ${seconds(Date.now() - sinceMs)}. Waiting for the first sync ...`,
  );

  let hinted = false;
  let requested = false;
  let notBefore = 0;
  let lastProgress = '';
  for (;;) {
    if (!processAlive(pid)) backendGone();
    const response = await fetch(`${api}/status`, { headers }).catch(
      () => undefined,
    );
    if (response?.status === 401)
      fail('The backend refused the demo token (401).');
    const status = response?.ok
      ? ((await response.json()) as Status)
      : undefined;
    const last = status?.lastRun;
    if (last && Date.parse(last.createdAt) >= sinceMs - 1000) {
      await report(api, headers, last);
      return;
    }
    if (status?.currentRun) {
      const p = status.progress;
      const line = p?.kind
        ? `  ... ${p.organization}: ${p.kind} (${count(p.items)} items so far)`
        : '';
      if (line && line !== lastProgress) console.log(line);
      lastProgress = line;
    } else if (
      !requested &&
      Date.now() >= notBefore &&
      status?.nextRunAt &&
      Date.parse(status.nextRunAt) - Date.now() > NOT_SOON_MS
    ) {
      // The plugin skips a scheduled run that would start within 30 s of
      // the previous one (to spare Sentry's rate budget), which is what
      // happens when the demo restarts right after a Ctrl-C; the next
      // scheduled run is then 30 minutes away. A manual run is not skipped.
      console.log(
        '  (the schedule skipped it: the last sync started moments ago; asking for one with POST /sync)',
      );
      const post = await fetch(`${api}/sync`, { method: 'POST', headers });
      if (post.status === 429) {
        const wait = Number(post.headers.get('retry-after') ?? '30');
        console.log(
          `  (too soon after the last manual sync; again in ${wait} s)`,
        );
        notBefore = Date.now() + wait * 1000;
      } else if (post.ok || post.status === 409) {
        requested = true;
      } else {
        fail(`POST /sync answered ${post.status}: ${await post.text()}`);
      }
    } else if (!hinted && Date.now() - sinceMs > FIRST_SYNC_HINT_MS) {
      hinted = true;
      const next = status?.nextRunAt
        ? ` (the scheduler says ${status.nextRunAt})`
        : '';
      console.log(
        `  No sync has started yet${next}; .cache/backend.log may say why. Still waiting ...`,
      );
    }
    await sleep(POLL_MS);
  }
}

async function report(
  api: string,
  headers: Record<string, string>,
  run: RunSummary,
): Promise<void> {
  const took =
    run.startedAt && run.finishedAt
      ? ` in ${seconds(Date.parse(run.finishedAt) - Date.parse(run.startedAt))}`
      : '';
  const totals = run.totals
    ? `: ${count(run.totals.fetched)} items fetched, ${count(run.totals.written)} nodes and relationships written, ` +
      `${count(run.totals.deleted)} deleted`
    : '';
  console.log(`First sync ${run.status}${took}${totals}.`);
  if (run.errorSummary)
    console.log(`  ${run.errorSummary.split('\n').join('\n  ')}`);

  const response = await fetch(`${api}/summary`, { headers }).catch(
    () => undefined,
  );
  if (!response?.ok) return;
  const summary = (await response.json()) as Summary;
  for (const { organization, nodes, findings } of summary.organizations) {
    const held = Object.entries(nodes)
      .map(([label, n]) => `${label} ${count(n)}`)
      .join(', ');
    console.log(`Graph for ${organization.slug}: ${held}.`);
    const f = (name: ListedFinding) => findings[name].count;
    console.log(
      `  e.g. ${f('membersWithout2fa')} members without 2FA, ${f('teamsWithoutAdmin')} teams without an admin, ` +
        `${f('projectsWithoutAlertRules')} projects without alert rules (all in /summary).`,
    );
  }
  const { catalog } = summary;
  if (catalog) {
    const e = catalog.entities;
    console.log(
      `Catalog joined: ${e.componentsWithSentryProject} of ${e.components} components have a Sentry project, ` +
        `${e.groupsWithSentryTeam} of ${e.groups} groups a Sentry team, ${e.usersWithSentryAccount} of ${e.users} users a Sentry account.`,
    );
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'check-ports') {
    await checkPorts(rest);
    return;
  }
  if (command === 'reset-schedule' && rest.length === 1) {
    await resetSchedule(rest[0]);
    return;
  }
  if (command === 'first-sync') {
    const { values } = parseArgs({
      args: rest,
      options: {
        api: { type: 'string' },
        pid: { type: 'string' },
      },
    });
    if (!values.api || !values.pid) fail('first-sync needs --api and --pid');
    await firstSync(values.api, Number(values.pid));
    return;
  }
  fail(
    'usage: demo.ts check-ports <what>=<port>... | reset-schedule <SQLite file> | first-sync --api <url> --pid <pid>',
  );
}

main().catch(error =>
  fail(`demo: ${error instanceof Error ? error.message : String(error)}`),
);
