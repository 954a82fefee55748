import type { SyncRunResult } from '@sentry-graph/plugin-sentry-graph-common';
import { describeProblems } from './describeRun';

const result = (
  organizations: SyncRunResult['organizations'],
): SyncRunResult => ({
  status: 'partial',
  updateTag: 1,
  startedAt: '',
  finishedAt: '',
  durationMs: 1,
  requests: {
    requests: 1,
    retries: 0,
    rateLimited: 0,
    budgetWaitMs: 0,
    failedRequests: 0,
  },
  errors: [],
  organizations,
});

describe('describeProblems', () => {
  it('names an organization that could not be read, and that its graph was kept', () => {
    expect(
      describeProblems(
        result([
          {
            slug: 'globex',
            status: 'failed',
            error: 'HTTP 403: the token lacks org:read',
            kinds: {
              organization: {
                status: 'incomplete',
                fetched: 0,
                written: 0,
                invalid: 0,
                invalidItems: [],
                deleted: 0,
                kept: [],
                error: 'HTTP 403: the token lacks org:read',
              },
            },
          },
        ]),
      ),
    ).toEqual([
      'globex: could not be read (HTTP 403: the token lacks org:read); its graph was kept as it was.',
    ]);
  });

  it('says nothing about organizations and kinds that went well', () => {
    expect(
      describeProblems(
        result([
          {
            slug: 'acme',
            status: 'succeeded',
            kinds: {
              teams: {
                status: 'complete',
                fetched: 1,
                written: 1,
                invalid: 0,
                invalidItems: [],
                deleted: 1,
                kept: [],
              },
            },
          },
        ]),
      ),
    ).toEqual([]);
  });

  it('says when the catalog was not read completely, and that its part of the graph was kept', () => {
    expect(
      describeProblems({
        ...result([]),
        catalog: {
          status: 'incomplete',
          fetched: 500,
          written: 500,
          deleted: 0,
          kept: [
            {
              what: 'BackstageEntity',
              reason: 'the catalog was not read completely',
            },
          ],
          error: 'Reading the catalog failed: HTTP 503',
          unmatchedCount: 0,
          unmatched: [],
        },
      }),
    ).toEqual([
      "The Backstage catalog was not read completely (Reading the catalog failed: HTTP 503); the catalog's part of the graph was kept.",
    ]);
  });
});
