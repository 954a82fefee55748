import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { sentryGraphSyncRunPermission } from '@sentry-graph/plugin-sentry-graph-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { SentryGraphStore } from './graph/SentryGraphStore';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EntitySentryData } from '@sentry-graph/plugin-sentry-graph-common';
import type { GraphSummaries } from './service/GraphSummaries';
import type { RunHistoryStore } from './service/RunHistoryStore';
import { TooManyRunsError, type SyncService } from './service/SyncService';
import type { SyncStatus } from './service/readStatus';

/** @internal */
export interface RouterOptions {
  /** Starts manual runs. */
  syncService: SyncService;
  /** Run history, for /runs. */
  history: RunHistoryStore;
  /** The graph, for /health. */
  graph: SentryGraphStore;
  /** The stored summaries, for /summary. */
  summaries: GraphSummaries;
  /** Computes /status. */
  readStatus: () => Promise<SyncStatus>;
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
const summaryQuery = z.object({
  organization: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be an organization slug')
    .optional(),
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
  const { syncService, history, graph, httpAuth, permissions, auditor } =
    options;
  const router = Router();
  router.use(express.json());

  router.get('/health', async (_req, res) => {
    let neo4j: { reachable: boolean; error?: string } = { reachable: true };
    try {
      await graph.verify();
    } catch (error) {
      neo4j = {
        reachable: false,
        error: error instanceof Error ? error.name : 'unknown error',
      };
    }
    res.json({ status: 'ok', neo4j });
  });

  router.get('/status', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await options.readStatus());
  });

  router.get('/runs', async (req, res) => {
    await httpAuth.credentials(req);
    const query = parse(runsQuery, req.query, 'query');
    if (query.before && !(await history.getRun(query.before))) {
      throw new NotFoundError(`No run with id ${query.before}`);
    }
    res.json({ runs: await history.listRuns(query) });
  });

  router.get('/runs/:id', async (req, res) => {
    await httpAuth.credentials(req);
    const { id } = parse(runParams, req.params, 'run id');
    const run = await history.getRun(id);
    if (!run) throw new NotFoundError(`No run with id ${id}`);
    res.json(run);
  });

  router.get('/summary', async (req, res) => {
    await httpAuth.credentials(req);
    const { organization } = parse(summaryQuery, req.query, 'query');
    const summary = await options.summaries.read(organization);
    if (organization && summary.organizations.length === 0) {
      throw new NotFoundError(`No organization ${organization} in the graph`);
    }
    res.json(summary);
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
    res.json(await catalog.readEntity(entityRef));
  });

  router.post('/sync', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const auditorEvent = await auditor.createEvent({
      eventId: 'sync-run',
      severityLevel: 'medium',
      request: req,
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
      const run = await syncService.requestManualRun(requestedBy);
      await auditorEvent.success({ meta: { runId: run.id, requestedBy } });
      res.status(202).json({ runId: run.id, status: run.status });
    } catch (error) {
      if (error instanceof TooManyRunsError)
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      await auditorEvent.fail({
        error: error instanceof Error ? error : new Error(String(error)),
      });
      throw error;
    }
  });

  return router;
}
