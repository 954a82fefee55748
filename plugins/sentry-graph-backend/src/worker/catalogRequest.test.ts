import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { decodeCatalogRequest, encodeCatalogRequest } from './catalogRequest';

describe("a catalog read's request crossing threads", () => {
  it('carries the catalog\'s "exists" symbol through the structured clone as itself', () => {
    const request: Parameters<typeof encodeCatalogRequest>[0] = {
      filter: [
        { kind: 'component' },
        {
          'metadata.annotations.sentry.io/project-slug': CATALOG_FILTER_EXISTS,
        },
      ],
      fields: ['kind', 'metadata.name'],
      pageSize: 500,
    };
    // As it is, the request cannot cross at all.
    expect(() => structuredClone(request)).toThrow();
    expect(
      decodeCatalogRequest(structuredClone(encodeCatalogRequest(request))),
    ).toEqual(request);
  });

  it('refuses a symbol that no other thread can know, naming its key', () => {
    expect(() =>
      encodeCatalogRequest({
        filter: [{ 'spec.type': Symbol('local') }],
        fields: [],
        pageSize: 1,
      }),
    ).toThrow(/spec\.type is a symbol that is not registered/);
  });
});
