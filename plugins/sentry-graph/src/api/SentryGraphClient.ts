import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ChangeHighlightsResponse,
  ChangesResponse,
  EntitySentryData,
  HealthResponse,
  RunListResponse,
  RunRecord,
  SummaryResponse,
  SyncRequestResponse,
  SyncRunKind,
  SyncStatus,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { ChangesQuery, SentryGraphApi } from './SentryGraphApi';

/**
 * The default SentryGraphApi: the backend plugin's URL from the discovery
 * API (asked on every call, as Backstage recommends, since it can change),
 * and requests through the fetch API, which adds the user's token.
 *
 * @public
 */
export class SentryGraphClient implements SentryGraphApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc SentryGraphApi.getHealth} */
  getHealth(): Promise<HealthResponse> {
    return this.request('/health');
  }

  /** {@inheritDoc SentryGraphApi.getStatus} */
  getStatus(): Promise<SyncStatus> {
    return this.request('/status');
  }

  /** {@inheritDoc SentryGraphApi.getSummary} */
  getSummary(
    options: { organization?: string } = {},
  ): Promise<SummaryResponse> {
    return this.request(`/summary${query(options)}`);
  }

  /** {@inheritDoc SentryGraphApi.listRuns} */
  listRuns(
    options: { limit?: number; before?: string } = {},
  ): Promise<RunListResponse> {
    return this.request(`/runs${query(options)}`);
  }

  /** {@inheritDoc SentryGraphApi.getRun} */
  getRun(id: string): Promise<RunRecord> {
    return this.request(`/runs/${encodeURIComponent(id)}`);
  }

  /** {@inheritDoc SentryGraphApi.requestSync} */
  requestSync(
    options: { mode?: SyncRunKind } = {},
  ): Promise<SyncRequestResponse> {
    return this.request(`/sync${query({ mode: options.mode })}`, {
      method: 'POST',
    });
  }

  /** {@inheritDoc SentryGraphApi.getChanges} */
  getChanges(changesQuery: ChangesQuery = {}): Promise<ChangesResponse> {
    return this.request(`/changes${query({ ...changesQuery })}`);
  }

  /** {@inheritDoc SentryGraphApi.getRunChanges} */
  getRunChanges(
    runId: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<ChangesResponse> {
    return this.request(
      `/runs/${encodeURIComponent(runId)}/changes${query(page)}`,
    );
  }

  /** {@inheritDoc SentryGraphApi.getChangeHighlights} */
  getChangeHighlights(
    options: { since?: string; until?: string; organization?: string } = {},
  ): Promise<ChangeHighlightsResponse> {
    return this.request(`/changes/highlights${query(options)}`);
  }

  /** {@inheritDoc SentryGraphApi.getEntity} */
  getEntity(entity: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntitySentryData> {
    const path = [entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    return this.request(`/entities/${path}`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('sentry-graph');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
