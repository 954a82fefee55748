import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GRAPH_CHANGE_KINDS,
  GRAPH_CHANGE_NAMES,
  SYNC_RUN_KINDS,
  sentryGraphSyncRunPermission,
  type SyncRunKind,
} from '@sentry-graph/plugin-sentry-graph-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { SentryGraphStore } from './graph/SentryGraphStore';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  EntitySentryData,
  HealthResponse,
  Reachability,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { DatabaseBackedServices } from './service/DatabaseBackedServices';
import { neo4jUnusableAs503 } from './service/neo4jUnavailable';
import type { PluginServices } from './service/openPluginServices';
import { TooManyRunsError } from './service/SyncService';
import { CHANGE_CURSOR, type ChangeStore } from './service/ChangeStore';
import type { ChangeReader } from './service/ChangeReader';

/** @internal */
export interface RouterOptions {
  /**
   * What lives in the plugin's own database (history, summaries, manual
   * runs); a 503 error while that database does not answer.
   */
  services: DatabaseBackedServices<PluginServices>;
  /** The graph: /health's probe, and what a Neo4j that cannot be used is called in a 503. */
  graph: SentryGraphStore;
  /**
   * The catalog, when it is joined: /entities answers only for entities the
   * caller may read there (checked with the caller's own credentials).
   */
  catalog?: {
    service: CatalogService;
    readEntity: (entityRef: string) => Promise<EntitySentryData>;
  };
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
}

const runsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.string().uuid().optional(),
});
const runParams = z.object({ id: z.string().uuid() });
// Backstage's entity name rules: letters, digits, '-', '_' and '.', at most 63.
const ENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const entityParams = z.object({
  kind: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/, 'must be an entity kind'),
  namespace: z.string().regex(ENTITY_NAME, 'must be an entity namespace'),
  name: z.string().regex(ENTITY_NAME, 'must be an entity name'),
});
/** POST /sync takes no options: none, or an empty JSON object. */
const syncBody = z.object({}).strict();
/**
 * POST /sync?mode=: the kind of run asked for; full when absent, as a
 * manual run always was. Anything else (another word, the key twice) is a
 * 400 that names the words it takes, without echoing what was sent.
 */
function syncMode(value: unknown): SyncRunKind {
  if (value === undefined) return 'full';
  const kind = SYNC_RUN_KINDS.find(k => k === value);
  if (kind) return kind;
  throw new InputError(
    `Invalid query: mode must be one of ${SYNC_RUN_KINDS.join(', ')} (default full)`,
  );
}
const organizationSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be an organization slug');
const summaryQuery = z.object({ organization: organizationSlug.optional() });
const instant = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date and time' })
  .transform(value => new Date(value));
const changesPage = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // Checked here, before any lookup, so a malformed cursor is always a 400.
  cursor: z
    .string()
    .regex(CHANGE_CURSOR, 'is not one this API gave out')
    .optional(),
};
// A window with since at or after until is empty, not an error: each bound
// is valid alone, and the OpenAPI document cannot relate the two.
const changesQuery = z.object({
  since: instant.optional(),
  until: instant.optional(),
  organization: organizationSlug.optional(),
  kind: z.enum(GRAPH_CHANGE_KINDS).optional(),
  entity: z.string().min(1).max(255).optional(),
  change: z.enum(GRAPH_CHANGE_NAMES).optional(),
  ...changesPage,
});
const runChangesQuery = z.object(changesPage);
const highlightsQuery = z.object({
  since: instant.optional(),
  until: instant.optional(),
  organization: organizationSlug.optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      i => `${i.path.join('.') || what}: ${i.message}`,
    );
    throw new InputError(`Invalid ${what}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** The REST API under /api/sentry-graph. @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { services, graph, httpAuth, permissions, auditor } = options;
  const router = Router();
  router.use(express.json(), rejectUnreadableBody);

  router.get('/health', async (_req, res) => {
    let neo4j: Reachability = { reachable: true };
    try {
      // Within seconds, as every request: a monitor must not time out on it.
      await graph.requestReads.verify();
    } catch (error) {
      neo4j = {
        reachable: false,
        error: error instanceof Error ? error.name : 'unknown error',
      };
    }
    const health: HealthResponse = {
      status: 'ok',
      neo4j,
      database: await services.health(),
    };
    res.json(health);
  });

  router.get('/status', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await services.use(s => s.readStatus()));
  });

  router.get('/runs', async (req, res) => {
    await httpAuth.credentials(req);
    const query = parse(runsQuery, req.query, 'query');
    const runs = await services.use(async ({ history }) => {
      if (query.before && !(await history.getRun(query.before))) {
        throw new NotFoundError(`No run with id ${query.before}`);
      }
      return history.listRuns(query);
    });
    res.json({ runs });
  });

  router.get('/runs/:id', async (req, res) => {
    await httpAuth.credentials(req);
    const { id } = parse(runParams, req.params, 'run id');
    const run = await services.use(s => s.history.getRun(id));
    if (!run) throw new NotFoundError(`No run with id ${id}`);
    res.json(run);
  });

  router.get('/summary', async (req, res) => {
    await httpAuth.credentials(req);
    const { organization } = parse(summaryQuery, req.query, 'query');
    // Stored summaries need no Neo4j; only computing the first one does.
    const summary = await services.use(s =>
      neo4jUnusableAs503(graph, () => s.summaries.read(organization)),
    );
    if (organization && summary.organizations.length === 0) {
      throw new NotFoundError(`No organization ${organization} in the graph`);
    }
    res.json(summary);
  });

  router.get('/changes', async (req, res) => {
    await httpAuth.credentials(req);
    const { limit, cursor, ...filters } = parse(
      changesQuery,
      req.query,
      'query',
    );
    res.json(
      await services.use(s =>
        changeHistory(s).reader.list(filters, { limit, cursor }),
      ),
    );
  });

  router.get('/changes/highlights', async (req, res) => {
    await httpAuth.credentials(req);
    const window = parse(highlightsQuery, req.query, 'query');
    res.json(
      await services.use(s =>
        neo4jUnusableAs503(graph, () =>
          changeHistory(s).reader.highlights(window),
        ),
      ),
    );
  });

  router.get('/runs/:id/changes', async (req, res) => {
    await httpAuth.credentials(req);
    const { id } = parse(runParams, req.params, 'run id');
    const page = parse(runChangesQuery, req.query, 'query');
    const changes = await services.use(async s => {
      const { store, reader } = changeHistory(s);
      // A run's changes outlive its line in the run history (pruned sooner).
      if (!(await s.history.getRun(id)) && !(await store.hasRun(id)))
        throw new NotFoundError(`No run with id ${id}`);
      return reader.list({ runId: id }, page);
    });
    res.json(changes);
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { kind, namespace, name } = parse(entityParams, req.params, 'entity');
    const entityRef = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const { catalog } = options;
    if (!catalog) {
      throw new NotFoundError(
        'The catalog is not joined to Sentry here (sentryGraph.catalog.enabled is false)',
      );
    }
    // The caller's own view of the catalog decides: an entity they may not
    // read is a 404, the same as one that does not exist.
    const entity = await catalog.service.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    res.json(
      await neo4jUnusableAs503(graph, () => catalog.readEntity(entityRef)),
    );
  });

  router.post('/sync', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (!syncBody.safeParse(req.body ?? {}).success) {
      // Not zod's words, which would quote the keys sent back.
      throw new InputError(
        'POST /sync takes no options in its body: send no body, or an empty JSON object (the kind of run is ?mode=)',
      );
    }
    const mode = syncMode(req.query.mode);
    const auditorEvent = await auditor.createEvent({
      eventId: 'sync-run',
      severityLevel: 'medium',
      request: req,
      meta: { mode },
    });
    try {
      const [decision] = await permissions.authorize(
        [{ permission: sentryGraphSyncRunPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError('Not allowed to start a Sentry sync');
      }
      const principal = credentials.principal;
      const requestedBy =
        'userEntityRef' in principal
          ? principal.userEntityRef
          : principal.subject;
      const run = await services.use(s =>
        s.syncService.requestManualRun(requestedBy, mode),
      );
      await auditorEvent.success({
        meta: { runId: run.id, requestedBy, mode },
      });
      res.status(202).json({ runId: run.id, status: run.status });
    } catch (error) {
      if (error instanceof TooManyRunsError)
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      await auditorEvent.fail({
        error: error instanceof Error ? error : new Error(String(error)),
        meta: { mode },
      });
      throw error;
    }
  });

  // Any other method on these paths: 405 with Allow, not a bare 404.
  for (const [path, allowed] of [
    ['/health', 'GET, HEAD'],
    ['/status', 'GET, HEAD'],
    ['/runs', 'GET, HEAD'],
    ['/runs/:id', 'GET, HEAD'],
    ['/runs/:id/changes', 'GET, HEAD'],
    ['/changes', 'GET, HEAD'],
    ['/changes/highlights', 'GET, HEAD'],
    ['/summary', 'GET, HEAD'],
    ['/entities/:kind/:namespace/:name', 'GET, HEAD'],
    ['/sync', 'POST'],
  ] as const) {
    router.all(path, (req, res) => {
      res.setHeader('Allow', allowed);
      throw Object.assign(
        new Error(`${req.method} is not allowed on ${path}; use ${allowed}`),
        { name: 'MethodNotAllowedError', statusCode: 405 },
      );
    });
  }

  return router;
}

/** The change history, or a 404 that says it is turned off. */
function changeHistory(services: PluginServices): {
  store: ChangeStore;
  reader: ChangeReader;
} {
  if (!services.changes || !services.changeReader)
    throw new NotFoundError(
      'The change history is turned off here (sentryGraph.changes.enabled is false)',
    );
  return { store: services.changes, reader: services.changeReader };
}

/**
 * express.json() rejects a body it cannot read with an error that carries
 * the raw body, and Backstage's error handler would send it all back.
 * Answer in Backstage's shape instead, saying what is wrong without
 * echoing it: 400 for a body that is not JSON, the parser's own status
 * (413 too large, 415 an unknown charset) otherwise.
 */
function rejectUnreadableBody(
  error: unknown,
  _req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
): void {
  const { type, status } = (error ?? {}) as {
    type?: unknown;
    status?: unknown;
  };
  if (typeof type !== 'string' || typeof status !== 'number') {
    next(error);
    return;
  }
  if (status === 400) {
    next(
      new InputError(
        type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : `The request body cannot be read (${type})`,
      ),
    );
    return;
  }
  next(
    Object.assign(new Error(`The request body cannot be read (${type})`), {
      name: 'UnreadableBodyError',
      statusCode: status,
    }),
  );
}
