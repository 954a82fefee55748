import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { CatalogReader } from './syncCatalog';

/**
 * Reads the catalog through the catalog service, in pages, as the plugin
 * itself (its own service credentials, fetched per run: they expire).
 */
export function catalogReader(
  catalog: CatalogService,
  auth: AuthService,
): CatalogReader {
  return request => ({
    async *[Symbol.asyncIterator]() {
      const credentials = await auth.getOwnServiceCredentials();
      yield* catalog.streamEntities(request, { credentials });
    },
  });
}
