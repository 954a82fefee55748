/*
 * The fault matrix: every listing a sync reads, struck by every fault a real
 * Sentry (or the proxy in front of it) produces. For each cell, on a graph a
 * clean run wrote: the faulted run ends with the documented status and a
 * message naming the kind and the cause, loses nothing (every node and
 * relationship stays, firstseen and every property included), and the next
 * good run heals the graph to exactly what the clean run wrote.
 *
 * Sentry's data does not change between the runs, so any deletion or change
 * is a loss. Only the completeness of listings may protect the graph: the
 * faulted runs have no mass-deletion guard and confirm no deletion with
 * Sentry (a stale node would be set aside, which shows as a change).
 */
import { mockServices } from '@backstage/backend-test-utils';
import {
  startSampleServer,
  type SampleServer,
} from '@sentry-graph/sentry-sample-server';
import { runTotals } from '@sentry-graph/plugin-sentry-graph-common';
import fs from 'node:fs';
import path from 'node:path';
import { dumpGraph, type GraphDump } from '../__testUtils__/dumpGraph';
import { graphDifferences } from '../__testUtils__/faultMatrix/graphDifferences';
import {
  MATRIX_FAULTS,
  MATRIX_TIMEOUT_MS,
  matrixCells,
} from '../__testUtils__/faultMatrix/matrixFaults';
import { MATRIX_KINDS } from '../__testUtils__/faultMatrix/matrixKinds';
import { matrixTable } from '../__testUtils__/faultMatrix/matrixTable';
import {
  runTestSync,
  type TestSyncOptions,
} from '../__testUtils__/syncHarness';
import { openTestGraph } from '../__testUtils__/testGraph';

const FAULTED_RUN: TestSyncOptions = {
  sentry: {
    maxRetries: 1,
    retryBaseDelayMs: 10,
    timeoutMs: MATRIX_TIMEOUT_MS,
  },
  engine: { maxDeletionShare: 1, confirmDeletions: 0 },
};

const graph = openTestGraph();
afterAll(() => graph.close());

const dump = (updateTag?: number): Promise<GraphDump> =>
  dumpGraph(graph, updateTag, { keepFirstseen: true });

describe.each(MATRIX_KINDS)('$name', kind => {
  let sentry: SampleServer;
  /** What a clean run wrote into an empty graph, firstseen included. */
  let clean: GraphDump;

  const syncIntoEmptyGraph = async () => {
    await graph.wipe();
    const first = await runTestSync(sentry, graph);
    expect(first.errors).toEqual([]);
    expect(first.status).toBe('succeeded');
    clean = await dump(first.updateTag);
  };

  beforeAll(async () => {
    sentry = await startSampleServer({
      data: { organizations: [kind.organization()] },
      // High enough never to hold the runs back; a 429 fault still sends Sentry's headers.
      rateLimit: { limit: 1_000, windowSeconds: 1 },
    });
    await syncIntoEmptyGraph();
  });
  // A cell that failed may leave the graph broken: the next starts afresh.
  afterEach(async () => {
    if (graphDifferences(clean, await dump()).length > 0)
      await syncIntoEmptyGraph();
  });
  afterAll(() => sentry.close());

  const cells = matrixCells([kind], MATRIX_FAULTS);
  it.each(cells.map(cell => [cell.fault.name, cell.fault]))(
    '%s',
    async (_name, fault) => {
      // Each cell starts where the previous one healed to: a clean graph.
      expect(graphDifferences(clean, await dump())).toEqual([]);

      sentry.setFaults(fault.rules(kind));
      const logger = mockServices.logger.mock();
      const faulted = await runTestSync(sentry, graph, {
        ...FAULTED_RUN,
        logger,
      }).finally(() => sentry.setFaults([]));
      expect(faulted.status).toBe(kind.status);
      // The client's own word for sending the struck request again.
      const retried = logger.debug.mock.calls.some(([line]) =>
        kind.path.test(/^Retrying GET (\S+) in /.exec(line)?.[1] ?? ''),
      );
      expect({ retried }).toEqual({ retried: fault.retried });
      const cause =
        (kind.page === undefined && fault.detailCause) || fault.cause;
      const message = faulted.errors.find(
        line => kind.names.test(line) && cause.test(line),
      );
      expect({ message, errors: faulted.errors }).toEqual({
        message: expect.any(String),
        errors: faulted.errors,
      });
      expect(runTotals(faulted).deleted).toBe(0);
      expect(graphDifferences(clean, await dump())).toEqual([]);

      const healed = await runTestSync(sentry, graph);
      expect(healed.errors).toEqual([]);
      expect(healed.status).toBe('succeeded');
      const healedGraph = await dump(healed.updateTag);
      expect(healedGraph.badStamps).toEqual([]);
      expect(graphDifferences(clean, healedGraph)).toEqual([]);
    },
  );
});

it('is the matrix docs/safety.md shows, cell by cell', () => {
  const safety = fs.readFileSync(
    path.resolve(__dirname, '../../../../docs/safety.md'),
    'utf8',
  );
  expect(safety).toContain(matrixTable(MATRIX_KINDS, MATRIX_FAULTS));
});
