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
  return mapFilterValues(request, encodeValue);
}

export function decodeCatalogRequest(
  request: EncodedCatalogRequest,
): CatalogRequest {
  return mapFilterValues(request, (_key, value) =>
    typeof value === 'string' ? value : Symbol.for(value.symbol),
  );
}

/** The request with each value of each filter entry replaced. */
function mapFilterValues<From, To>(
  request: {
    filter: Array<Record<string, From>>;
    fields: string[];
    pageSize: number;
  },
  map: (key: string, value: From) => To,
): { filter: Array<Record<string, To>>; fields: string[]; pageSize: number } {
  return {
    ...request,
    filter: request.filter.map(entry =>
      Object.fromEntries(
        Object.entries(entry).map(([key, value]) => [key, map(key, value)]),
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
