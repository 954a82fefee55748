/*
 * `--changes`: what the change history costs (issue 21). Full runs of an
 * unchanged organization and routine runs after a day of changes, each
 * once without and once with the history recorded (the plugin's own store
 * and writer on a SQLite file, as a plugin's database), alternating so
 * that the graph and the server are alike for both. Then 90 days of such
 * history are written and GET /changes' work (the store's read and the
 * links read from Neo4j, through the plugin's ChangeReader) is timed for
 * the queries the card and the page make. It prints figures and PASS or
 * FAIL against the targets; it asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SentryGraphStore } from '../plugins/sentry-graph-backend/src/graph/SentryGraphStore';
import { SentryLinks } from '../plugins/sentry-graph-backend/src/graph/sentryLinks';
import { ChangeReader } from '../plugins/sentry-graph-backend/src/service/ChangeReader';
import { createConsoleLogger } from '../plugins/sentry-graph-backend/src/cli/consoleLogger';
import { openBenchChangeStore } from './changeHistoryStore';
import { percentile } from './percentile';
import type { RateLimitSetting } from './rateFloor';
import { applyDayOfChanges, organizationSlugs } from './routineRuns';
import {
  report,
  runSyncProcess,
  type RunFigures,
  type SyncCommand,
} from './syncProcess';

/** Issue 21's targets: recording adds at most 5 %; GET /changes p95 at most 100 ms. */
const OVERHEAD_TARGET = 0.05;
const P95_TARGET_MS = 100;
const DAYS = 90;
const CALLS = 100;
/** Measured pairs of runs, without and with the history, after a warm-up pair. */
const PAIRS = 4;

type Run = { wallMs: number; figures: RunFigures };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
};

interface ChangeBench {
  settings: {
    sentryUrl: string;
    token: string;
    neo4j: Parameters<typeof SentryGraphStore.open>[0];
  };
  syncCommand: SyncCommand;
  rateLimit: RateLimitSetting;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A warm-up pair, then PAIRS pairs without and with the history, first one way round, then the other. */
async function pairs(
  label: string,
  run: (label: string, record: boolean) => Promise<Run>,
): Promise<{ plain: Run[]; recorded: Run[] }> {
  const measured = { plain: [] as Run[], recorded: [] as Run[] };
  for (let pair = 0; pair <= PAIRS; pair++) {
    const warming = pair === 0 ? ' (warming up)' : '';
    for (const record of pair % 2 === 0 ? [true, false] : [false, true]) {
      const done = await run(
        `${label}${record ? ', recorded' : ''}${warming}`,
        record,
      );
      if (pair > 0) measured[record ? 'recorded' : 'plain'].push(done);
    }
  }
  return measured;
}

export async function measureChangeHistory(bench: ChangeBench): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentry-graph-changes-'));
  const changesFile = path.join(dir, 'changes.sqlite');
  const sync = async (
    label: string,
    kind: 'full' | 'routine',
    record: boolean,
  ) => {
    const started = Date.now();
    const figures = await runSyncProcess(
      { ...bench.settings, kind, ...(record ? { changesFile } : {}) },
      bench.syncCommand,
    );
    const wallMs = Date.now() - started;
    report(label, wallMs, figures, bench.rateLimit);
    if (record)
      say(
        `             changes recorded ${figures.changesRecorded ?? 0}${figures.changesError ? ` (${figures.changesError})` : ''}`,
      );
    return { wallMs, figures };
  };
  const { sentryUrl, token } = bench.settings;
  const dayOfChanges = async (seed: number) => {
    for (const slug of await organizationSlugs(sentryUrl, token))
      await applyDayOfChanges(sentryUrl, slug, seed);
  };

  // Each variant runs once before it is measured: a recorded run's
  // statements differ, and Neo4j plans each statement once, at its first
  // use. Then PAIRS pairs, alternating, compared by their medians: one
  // run's duration varies by several per cent here.
  await sync('empty graph (recorded: one line)', 'full', true);
  let seed = 0;
  const routineAfterADay = async (label: string, record: boolean) => {
    seed += 1;
    say(`a day of changes in Sentry (seed ${seed}):`);
    await dayOfChanges(seed);
    return sync(label, 'routine', record);
  };
  const full = await pairs('full run', (label, record) =>
    sync(label, 'full', record),
  );
  // Each routine run finds a little more (the days add releases): the
  // pairs take turns at going first, so that neither variant is always later.
  const routine = await pairs('routine run', routineAfterADay);
  const dayRows = median(
    routine.recorded.map(r => r.figures.changesRecorded ?? 0),
  );

  const { store, knex } = await openBenchChangeStore(changesFile);
  const { driver, store: graph } = SentryGraphStore.open(bench.settings.neo4j);
  try {
    const rows = await fillHistory(knex, DAYS);
    say(
      `the history: ${rows} changes (the recorded runs' changes, again every day for ${DAYS} days)`,
    );
    const reader = new ChangeReader(
      store,
      graph.requestReads,
      new SentryLinks('https://sentry.example'),
      createConsoleLogger('warn'),
    );
    const latest = await reader.list({}, { limit: 1 });
    const someEntity = latest.changes[0]?.entity.id ?? '0';
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
    const deep = await reader.list({}, { limit: 200 });
    const queries: Array<[string, () => Promise<unknown>]> = [
      ['/changes', () => reader.list({}, { limit: 50 })],
      [
        '/changes?kind=member&change=role',
        () => reader.list({ kind: 'member', change: 'role' }, { limit: 50 }),
      ],
      [
        '/changes?entity=…',
        () => reader.list({ entity: someEntity }, { limit: 50 }),
      ],
      [
        '/changes?since=yesterday',
        () => reader.list({ since: yesterday }, { limit: 50 }),
      ],
      [
        '/changes?cursor=… (page 5)',
        () => reader.list({}, { limit: 50, cursor: deep.nextCursor }),
      ],
      ['/changes/highlights', () => reader.highlights({})],
    ];
    let worstP95 = 0;
    say(
      `GET /changes' work (store and links, in process), ${CALLS} calls each, one at a time:`,
    );
    for (const [name, call] of queries) {
      await call();
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const started = performance.now();
        await call();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      worstP95 = Math.max(worstP95, p95);
      say(
        `  ${name.padEnd(36)} p50 ${percentile(times, 50).toFixed(1)} ms | p95 ${p95.toFixed(1)} ms | max ${times[times.length - 1].toFixed(1)} ms`,
      );
    }

    const seconds = (runs: Run[]) =>
      median(runs.map(r => r.figures.durationMs)) / 1000;
    const overhead = (pairs: typeof full) =>
      seconds(pairs.recorded) / seconds(pairs.plain) - 1;
    const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
    const against = (pairs: typeof full) =>
      `median ${seconds(pairs.recorded).toFixed(1)} s against ${seconds(pairs.plain).toFixed(1)} s over ${PAIRS} pairs`;
    say(`targets (medians of ${PAIRS} alternating pairs):`);
    const verdicts: Array<[string, boolean]> = [
      [
        `recording adds ${pct(overhead(full))} to a full run (${against(full)}), at most ${pct(OVERHEAD_TARGET)}`,
        overhead(full) <= OVERHEAD_TARGET,
      ],
      [
        `recording adds ${pct(overhead(routine))} to a routine run after a day of changes (${against(routine)}, ${dayRows} changes each), at most ${pct(OVERHEAD_TARGET)}`,
        overhead(routine) <= OVERHEAD_TARGET,
      ],
      [
        `GET /changes p95 ${worstP95.toFixed(1)} ms at worst with ${DAYS} days of history, at most ${P95_TARGET_MS} ms`,
        worstP95 <= P95_TARGET_MS,
      ],
      [
        'every run succeeded',
        [
          ...full.plain,
          ...full.recorded,
          ...routine.plain,
          ...routine.recorded,
        ].every(r => r.figures.status === 'succeeded'),
      ],
    ];
    for (const [target, met] of verdicts)
      say(`  ${met ? 'PASS' : 'FAIL'}: ${target}`);
  } finally {
    await knex.destroy();
    await driver.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Copies the recorded runs' changes once a day back over `days` days, each
 * copy a run of its own, oldest first (ids rise with time, as recorded).
 */
async function fillHistory(
  knex: Awaited<ReturnType<typeof openBenchChangeStore>>['knex'],
  days: number,
): Promise<number> {
  const TABLE = 'sentry_graph_changes';
  const recorded: Array<Record<string, unknown>> = await knex(TABLE)
    .select('*')
    .orderBy('id');
  await knex(TABLE).delete();
  const DAY_MS = 24 * 60 * 60 * 1000;
  for (let day = days; day >= 0; day--) {
    const runId = randomUUID();
    const at = Date.now() - day * DAY_MS;
    const copies = recorded.map(({ id: _id, ...row }) => ({
      ...row,
      run_id: runId,
      recorded_at: new Date(at),
    }));
    for (let i = 0; i < copies.length; i += 50)
      await knex(TABLE).insert(copies.slice(i, i + 50));
  }
  const [{ n }] = await knex(TABLE).count({ n: '*' });
  return Number(n);
}
