import type { CatalogReader } from '../catalog/syncCatalog';
import type { EncodedCatalogRequest, EncodedFilterValue } from './protocol';

type CatalogRequest = Parameters<CatalogReader>[0];

/**
 * A catalog read's request as it can cross threads: the structured clone
 * refuses symbols, and the catalog's filter uses one
 * (CATALOG_FILTER_EXISTS, a registered symbol), so a symbol crosses as its
 * registry key.
 */
export function encodeCatalogRequest(
  request: CatalogRequest,
): EncodedCatalogRequest {
  return {
    ...request,
    filter: request.filter.map(entry =>
      Object.fromEntries(
        Object.entries(entry).map(([key, value]) => [
          key,
          encodeValue(key, value),
        ]),
      ),
    ),
  };
}

export function decodeCatalogRequest(
  request: EncodedCatalogRequest,
): CatalogRequest {
  return {
    ...request,
    filter: request.filter.map(entry =>
      Object.fromEntries(
        Object.entries(entry).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : Symbol.for(value.symbol),
        ]),
      ),
    ),
  };
}

function encodeValue(key: string, value: string | symbol): EncodedFilterValue {
  if (typeof value === 'string') return value;
  const symbol = Symbol.keyFor(value);
  if (symbol === undefined) {
    throw new Error(
      `The catalog filter's value for ${key} is a symbol that is not registered (Symbol.for); it cannot cross to the plugin's thread`,
    );
  }
  return { symbol };
}
