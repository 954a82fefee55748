import { openTestGraph } from '../__testUtils__/testGraph';
import { allNodes, propertyIndexes } from './schema';

describe('SentryGraphStore.ensureSchema', () => {
  const graph = openTestGraph();
  afterAll(() => graph.close());

  const schemaNames = async () =>
    (
      await graph.query<{ name: string }>('SHOW INDEXES YIELD name RETURN name')
    ).map(row => row.name);

  it('creates again an index that was dropped, next to the constraints already there', async () => {
    await graph.store.ensureSchema();
    const { label, property } = propertyIndexes[0];
    const dropped = `${label.toLowerCase()}_${property}`;
    await graph.store.write(`DROP INDEX \`${dropped}\``, {});
    expect(await schemaNames()).not.toContain(dropped);

    await graph.store.ensureSchema();

    expect(await schemaNames()).toEqual(
      expect.arrayContaining([
        dropped,
        ...allNodes.map(spec => `${spec.label.toLowerCase()}_id`),
        // One lease per graph, even when writers race to create it.
        'sentrygraphlease_id',
      ]),
    );
  });
});
