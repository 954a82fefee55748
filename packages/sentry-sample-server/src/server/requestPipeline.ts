import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule, SampleToken } from '../types/serverOptions';
import { ApiError, ERROR_BODIES, internalErrorBody } from './apiError';
import { accessTo, authenticate, type Caller, requireAnyScope } from './auth';
import {
  asEmptyPage,
  proxyErrorPage,
  withLoopingCursor,
} from './faultedResponses';
import { FaultInjector, corruptItems } from './faults';
import type {
  HandlerResponse,
  RequestContext,
} from './handlers/handlerContext';
import { legacyRulesDeprecationHeaders } from './handlers/legacyRules';
import type { NetworkLatency } from './networkLatency';
import {
  type RateLimitDecision,
  RateLimiter,
  rateLimitedBody,
  rateLimitHeaders,
} from './rateLimiter';
import {
  bodyForStatus,
  encodeResponse,
  type OutgoingResponse,
  sendEncoded,
} from './responseWriter';
import { matchRoute, pageIndexOf, type RouteMatch } from './routes';
import { answerSampleAdmin, SAMPLE_ADMIN_PREFIX } from './sampleAdmin';
import type { SampleStore } from './sampleStore';
import type { ServerStats } from './serverStats';

export interface PipelineState {
  store: SampleStore;
  tokens: ReadonlyMap<string, SampleToken>;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: ServerStats;
  perPageDefault: number;
  /** Sentry's system.url-prefix, when it differs from the Host requests arrive at. */
  urlPrefix?: string;
  /** Network time added to each request on its way in and its answer on the way out. */
  latency: NetworkLatency;
  /** Waits for a 'slow' fault or latency; resolves early when the server closes or the client goes away. */
  sleep: (ms: number, res: ServerResponse) => Promise<void>;
}

const DEFAULT_SLOW_MS = 30_000;

/**
 * One request as a client far away sees it: the network's way in, Sentry's
 * answer, and the way back (NetworkLatency; nothing on localhost).
 */
export async function handleRequest(
  state: PipelineState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://sample.invalid').pathname;
  if (pathname.startsWith(SAMPLE_ADMIN_PREFIX)) {
    // The test's or benchmark's own channel to the stand-in: not Sentry, so no latency.
    const method = (req.method ?? 'GET').toUpperCase();
    sendEncoded(
      res,
      encodeResponse(
        await answerSampleAdmin(() => state.store, method, pathname, req),
      ),
    );
    return;
  }
  await delay(state, state.latency.inboundMs(), res);
  if (res.destroyed) return;
  const response = await respond(state, req, res);
  if (!response) return;
  const encoded = encodeResponse(response);
  await delay(
    state,
    state.latency.outboundMs(Buffer.byteLength(encoded.text)),
    res,
  );
  sendEncoded(res, encoded);
}

async function delay(
  state: PipelineState,
  ms: number,
  res: ServerResponse,
): Promise<void> {
  if (ms > 0) await state.sleep(ms, res);
}

/**
 * One request, in the order Sentry processes it: URL resolution (unknown → 404), the rate-limit
 * middleware (counts every request, 429 before the view runs), then the view: authentication
 * (401), organization lookup (404), the caller's standing and scopes (403), the handler.
 * Fault rules are applied after counting and before normal handling. Undefined when there is
 * nothing to send: the connection was dropped, or the client went away.
 */
async function respond(
  state: PipelineState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<OutgoingResponse | undefined> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://sample.invalid');
  const baseUrl =
    state.urlPrefix ??
    `http://${req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`}`;
  const match = matchRoute(url.pathname);
  const endpointKey = match
    ? `${method} ${match.route.template}`
    : `${method} (unknown route)`;
  state.stats.requestStarted(endpointKey);
  res.once('close', () => state.stats.requestEnded());

  if (!match || isAbsentWorkflowEngine(state, match)) {
    return { status: 404, body: ERROR_BODIES.notFound, headers: {} };
  }

  let caller: Caller | undefined;
  let authError: unknown;
  try {
    caller = authenticate(req.headers.authorization, state.tokens, state.store);
  } catch (error) {
    authError = error;
  }

  // Sentry keys the limiter by user/org/IP; the sample server keys it by token, as documented.
  const callerKey = caller
    ? `token:${caller.token.token}`
    : `ip:${req.socket.remoteAddress ?? ''}`;
  const decision = state.limiter.admit(callerKey, endpointKey, Date.now());
  res.once('close', () => state.limiter.release(callerKey, endpointKey));
  const headers: Record<string, string> = {
    ...(state.limiter.enabled ? rateLimitHeaders(decision) : {}),
    ...deprecationHeaders(state, match),
  };

  const fault = state.faults.take(url.pathname, () =>
    pageIndexOf(match.route, {
      query: url.searchParams,
      params: match.params,
      store: state.store,
      perPageDefault: state.perPageDefault,
      caller,
    }),
  );
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    return undefined;
  }
  if (fault?.kind === 'delete-row') deleteRow(state, match, fault.row ?? 0);
  if (fault?.kind === 'slow') {
    await state.sleep(fault.delayMs ?? DEFAULT_SLOW_MS, res);
    if (res.destroyed) return undefined;
  }
  const early = faultAnswer(state, fault, headers);
  if (early) return early;

  if (decision.limited) {
    const limited = tooManyRequests(state, decision);
    return { ...limited, headers: { ...headers, ...limited.headers } };
  }

  const response = bend(
    fault,
    answer(
      state,
      method,
      match,
      {
        pathname: url.pathname,
        query: url.searchParams,
        params: match.params,
        baseUrl,
        store: state.store,
        perPageDefault: state.perPageDefault,
      },
      caller ? { caller } : { error: authError },
    ),
    url.searchParams.get('cursor'),
  );
  return {
    status: response.status,
    body: response.body,
    headers: { ...headers, ...response.headers },
    truncateBody: fault?.kind === 'malformed-json',
    resetMidBody: fault?.kind === 'reset',
  };
}

/** Faults that alter a successful answer ('invalid-items', 'empty-page', 'cursor-loop'). */
function bend(
  fault: FaultRule | undefined,
  response: HandlerResponse,
  requestCursor: string | null,
): HandlerResponse {
  if (response.status !== 200) return response;
  switch (fault?.kind) {
    case 'invalid-items':
      return { ...response, body: corruptItems(response.body, fault) };
    case 'empty-page':
      return asEmptyPage(response);
    case 'cursor-loop':
      return withLoopingCursor(response, requestCursor);
    default:
      return response;
  }
}

/** 'delete-row': the row is deleted in "Sentry" while a client pages through its listing. */
function deleteRow(state: PipelineState, match: RouteMatch, row: number): void {
  const { route, params } = match;
  if (!route.organizationScoped || !route.listing) return;
  const view = state.store.organization(params.org);
  if (view) state.store.replace(view.withoutRow(route.listing, row));
}

/** Older self-hosted Sentry has no workflow-engine routes at all: a plain unknown-route 404. */
function isAbsentWorkflowEngine(
  state: PipelineState,
  match: RouteMatch,
): boolean {
  if (!match.route.organizationScoped || !match.route.workflowEngine)
    return false;
  return state.store.organization(match.params.org)?.workflowsApi === false;
}

/** SaaS deprecation headers on the legacy rules route; self-hosted (workflowsApi false) sends none. */
function deprecationHeaders(
  state: PipelineState,
  match: RouteMatch,
): Record<string, string> {
  if (!match.route.organizationScoped || !match.route.deprecatedLegacyRules)
    return {};
  if (state.store.organization(match.params.org)?.workflowsApi === false)
    return {};
  return legacyRulesDeprecationHeaders(match.params.org);
}

function tooManyRequests(
  state: PipelineState,
  decision: RateLimitDecision,
): OutgoingResponse {
  state.stats.rateLimited++;
  return {
    status: 429,
    body: rateLimitedBody(decision),
    headers: state.limiter.enabled ? rateLimitHeaders(decision) : {},
    contentType: 'text/html; charset=utf-8',
  };
}

/** Faults that replace the answer entirely ('slow', 'reset', 'malformed-json' and those `bend` applies do not). */
function faultAnswer(
  state: PipelineState,
  fault: FaultRule | undefined,
  headers: Record<string, string>,
): OutgoingResponse | undefined {
  switch (fault?.kind) {
    case 'status': {
      const status = fault.status ?? 500;
      if (fault.html) {
        return {
          status,
          body: undefined,
          rawBody: proxyErrorPage(status),
          contentType: 'text/html',
          // The proxy answers, not Sentry: no rate-limit headers.
          headers: {},
        };
      }
      return { status, body: bodyForStatus(status), headers };
    }
    case 'gone':
      return { status: 410, body: ERROR_BODIES.gone, headers };
    case 'rate-limit': {
      const limited = tooManyRequests(
        state,
        state.limiter.exhausted(Date.now(), fault.resetInSeconds),
      );
      return { ...limited, headers: { ...headers, ...limited.headers } };
    }
    default:
      return undefined;
  }
}

function answer(
  state: PipelineState,
  method: string,
  match: RouteMatch,
  request: Omit<RequestContext, 'caller'>,
  authentication: { caller: Caller } | { error: unknown },
): HandlerResponse {
  try {
    if (method === 'OPTIONS') {
      return {
        status: 200,
        body: null,
        headers: { Allow: 'GET, HEAD, OPTIONS' },
      };
    }
    if (method !== 'GET' && method !== 'HEAD') {
      return {
        status: 405,
        body: { detail: `Method "${method}" not allowed.` },
        headers: { Allow: 'GET, HEAD, OPTIONS' },
      };
    }
    if ('error' in authentication) throw authentication.error;
    const context: RequestContext = {
      ...request,
      caller: authentication.caller,
    };
    const { route } = match;
    if (!route.organizationScoped) {
      requireAnyScope(context.caller.tokenScopes, route.scopes);
      return route.handle(context);
    }
    const view = state.store.organization(match.params.org);
    if (!view) throw ApiError.notFound();
    const access = accessTo(context.caller, view);
    requireAnyScope(access.scopes, route.scopes);
    return route.handle({ ...context, view, access });
  } catch (error) {
    if (error instanceof ApiError)
      return { status: error.status, body: error.body };
    // An unexpected failure is what Sentry turns into a 500 with an event id.
    process.emitWarning(
      `sentry-sample-server: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return { status: 500, body: internalErrorBody() };
  }
}
