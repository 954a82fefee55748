/*
 * Runs one read-only Cypher query against the demo's Neo4j and prints the
 * rows as a table, since the project's embedded Neo4j has no browser or
 * cypher-shell:
 *
 *   scripts/node22.sh node --import tsx plugins/sentry-graph-backend/dev/cypher.ts \
 *     'MATCH (t:SentryTeam) RETURN t.slug LIMIT 5'
 *
 * NEO4J_URI (bolt://127.0.0.1:7687), NEO4J_USERNAME (neo4j) and
 * NEO4J_PASSWORD (sentry-graph-dev) say where.
 */
import neo4j from 'neo4j-driver';

async function main(): Promise<void> {
  const query = process.argv.slice(2).join(' ').trim();
  if (!query) {
    process.stderr.write('usage: cypher.ts <read-only Cypher query>\n');
    process.exit(1);
  }
  const driver = neo4j.driver(
    process.env.NEO4J_URI || 'bolt://127.0.0.1:7687',
    neo4j.auth.basic(
      process.env.NEO4J_USERNAME || 'neo4j',
      process.env.NEO4J_PASSWORD || 'sentry-graph-dev',
    ),
  );
  try {
    // READ access: a typo cannot change the demo's graph.
    const { records, keys } = await driver.executeQuery(
      query,
      {},
      { routing: neo4j.routing.READ },
    );
    const cell = (value: unknown): string => {
      if (neo4j.isInt(value)) return value.toString();
      if (typeof value === 'string') return value;
      return (
        JSON.stringify(value, (_k, v) => (neo4j.isInt(v) ? v.toString() : v)) ??
        'null'
      );
    };
    const rows = [
      keys.map(String),
      ...records.map(r => keys.map(k => cell(r.get(k)))),
    ];
    const widths = keys.map((_, i) =>
      Math.max(...rows.map(row => row[i].length)),
    );
    for (const [index, row] of rows.entries()) {
      console.log(
        row
          .map((value, i) => value.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      );
      if (index === 0) console.log(widths.map(w => '-'.repeat(w)).join('  '));
    }
    console.log(`(${records.length} row${records.length === 1 ? '' : 's'})`);
  } finally {
    await driver.close();
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
