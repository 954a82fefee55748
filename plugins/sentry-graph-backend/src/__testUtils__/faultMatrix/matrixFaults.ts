/*
 * The columns of the fault matrix: what a real Sentry (or the proxy in front
 * of it) does to a request, as sample-server fault rules, and the cause the
 * run's message must give.
 */
import type { FaultRule } from '@sentry-graph/sentry-sample-server';
import type { MatrixKind } from './matrixKinds';

export interface MatrixFault {
  /** As the docs' table names it. */
  name: string;
  /** The sample server's rules for this fault on that kind. */
  rules(kind: MatrixKind): FaultRule[];
  /** What the run's message must say about the cause. */
  cause: RegExp;
  /** What it says when the fault strikes a detail instead, if that differs. */
  detailCause?: RegExp;
  /** For the docs: what the client does, and what the message says. */
  retried: boolean;
  says: string;
  /** Only listings have pages: these faults have no meaning for a detail. */
  pagingOnly?: boolean;
}

/** The matrix's client gives up on a request after this long; the stalled one waits far longer. */
export const MATRIX_TIMEOUT_MS = 2_000;

const on = (kind: MatrixKind, rule: Omit<FaultRule, 'path' | 'page'>) => ({
  path: kind.path,
  ...(kind.page === undefined ? {} : { page: kind.page }),
  ...rule,
});

export const MATRIX_FAULTS: readonly MatrixFault[] = [
  {
    name: '429 past the reset cap',
    retried: false,
    says: 'the rate limit for the listing requires a wait of … s, longer than the allowed 120 s (`sentry.maxRateLimitWaitMs`)',
    // A window an hour long: the reset is further away than the client waits.
    rules: kind => [on(kind, { kind: 'rate-limit', resetInSeconds: 3600 })],
    cause: /rate limit for .* requires a wait of .* longer than the allowed/,
  },
  {
    name: '500',
    retried: true,
    says: 'Sentry answered 500 for GET …: Internal Error',
    rules: kind => [on(kind, { kind: 'status', status: 500 })],
    cause: /Sentry answered 500 .*Internal Error/,
  },
  {
    name: '502 and 503 with an HTML body',
    retried: true,
    says: 'Sentry answered 503 for GET …, an HTML page, likely from a proxy or load balancer in front of Sentry',
    rules: kind => [
      on(kind, { kind: 'status', status: 502, html: true, times: 1 }),
      on(kind, { kind: 'status', status: 503, html: true }),
    ],
    cause: /answered 503 .*an HTML page/,
  },
  {
    name: '410',
    retried: false,
    says: 'Sentry no longer serves GET … (410 Gone …)',
    rules: kind => [on(kind, { kind: 'gone' })],
    cause: /410 Gone/,
  },
  {
    name: 'a timeout',
    retried: true,
    says: 'Sentry did not answer GET … within … ms (`sentry.timeoutMs`)',
    rules: kind => [
      on(kind, { kind: 'slow', delayMs: 30 * MATRIX_TIMEOUT_MS }),
    ],
    cause: new RegExp(`did not answer .* within ${MATRIX_TIMEOUT_MS} ms`),
  },
  {
    name: 'a connection reset mid-body',
    retried: true,
    says: "Sentry's answer to GET … broke off before its end: the connection was reset or dropped",
    rules: kind => [on(kind, { kind: 'reset' })],
    cause: /answer .* broke off/,
  },
  {
    name: 'malformed JSON mid-listing',
    retried: true,
    says: "Sentry's answer to GET … is not valid JSON; it may have been cut off",
    rules: kind => [on(kind, { kind: 'malformed-json' })],
    cause: /not valid JSON/,
  },
  {
    name: 'one invalid item',
    retried: false,
    says: "1 invalid item(s) skipped (first: the listing, the item's id and what is wrong with it), and the rest of the listing is written; for the detail: Sentry's answer … does not have the expected shape",
    rules: kind => [
      on(kind, {
        kind: 'invalid-items',
        items: 1,
        corruption: kind.corruption,
      }),
    ],
    cause: /1 invalid item/,
    detailCause: /does not have the expected shape \(name: /,
  },
  {
    name: '401',
    retried: false,
    says: 'Sentry rejected the token for GET … (401 …)',
    rules: kind => [on(kind, { kind: 'status', status: 401 })],
    cause: /rejected the token .*\(401/,
  },
  {
    name: '403',
    retried: false,
    says: 'The token may not read … (403 …). It needs one of these scopes: …',
    rules: kind => [on(kind, { kind: 'status', status: 403 })],
    cause: /403.*It needs one of these scopes/,
  },
  {
    name: 'a next cursor that repeats the previous one',
    retried: false,
    says: 'Cannot continue the listing GET … after page …: the next-page link points back to the same page',
    // On every page: the first one names its usual next page, which repeats itself.
    rules: kind => [{ path: kind.path, kind: 'cursor-loop' }],
    cause: /points back to the same page/,
    pagingOnly: true,
  },
  {
    name: 'an empty page that says more results follow',
    retried: false,
    says: "Sentry's answer to GET … is an empty page (page …) whose Link header says more results follow",
    rules: kind => [on(kind, { kind: 'empty-page' })],
    cause: /empty page .* says more results follow/,
    pagingOnly: true,
  },
];

/** Every cell that has a meaning: a detail has no pages to loop or leave empty. */
export function matrixCells(
  kinds: readonly MatrixKind[],
  faults: readonly MatrixFault[],
): Array<{ kind: MatrixKind; fault: MatrixFault }> {
  return kinds.flatMap(kind =>
    faults
      .filter(fault => kind.page !== undefined || !fault.pagingOnly)
      .map(fault => ({ kind, fault })),
  );
}
