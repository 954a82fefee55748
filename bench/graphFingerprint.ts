/*
 * A fingerprint of a whole graph, to tell whether two syncs wrote the same
 * one without holding it in memory: per label set and per relationship
 * type, a count and an order-free sum of each node's or relationship's
 * hash, over every property but the run bookkeeping.
 */
import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { ABSENT_SINCE } from '../plugins/sentry-graph-backend/src/graph/cypher';
import { LEASE_LABEL } from '../plugins/sentry-graph-backend/src/graph/leaseSchema';
import { ROUTINE_BOOKKEEPING } from '../plugins/sentry-graph-backend/src/graph/routineCypher';

const BOOKKEEPING = new Set([
  'lastupdated',
  'firstseen',
  ABSENT_SINCE,
  ...ROUTINE_BOOKKEEPING,
]);

export type GraphFingerprint = Map<string, { count: number; sum: bigint }>;

const MOD = 1n << 64n;

function canonical(props: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(props)
      .filter(name => !BOOKKEEPING.has(name))
      .sort()
      .map(name => [name, props[name]]),
  );
}

function add(print: GraphFingerprint, key: string, text: string) {
  const hash = createHash('sha1').update(text).digest();
  const entry = print.get(key) ?? { count: 0, sum: 0n };
  entry.count += 1;
  entry.sum = (entry.sum + hash.readBigUInt64BE(0)) % MOD;
  print.set(key, entry);
}

export async function graphFingerprint(
  driver: Driver,
): Promise<GraphFingerprint> {
  const print: GraphFingerprint = new Map();
  const session = driver.session({ defaultAccessMode: 'READ' });
  try {
    const nodes = session.run(
      `MATCH (n) WHERE NOT n:${LEASE_LABEL} RETURN labels(n) AS labels, properties(n) AS props`,
    );
    for await (const record of nodes) {
      const labels = (record.get('labels') as string[]).sort().join(':');
      add(print, labels, canonical(record.get('props')));
    }
    const relationships = session.run(
      'MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props',
    );
    for await (const record of relationships) {
      const type = record.get('type') as string;
      add(
        print,
        `-[:${type}]->`,
        `${String(record.get('from'))} ${String(record.get('to'))} ${canonical(record.get('props'))}`,
      );
    }
  } finally {
    await session.close();
  }
  return print;
}

/** The label sets and relationship types whose count or contents differ, one line each. */
export function fingerprintDifferences(
  a: GraphFingerprint,
  b: GraphFingerprint,
): string[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  return keys.flatMap(key => {
    const left = a.get(key) ?? { count: 0, sum: 0n };
    const right = b.get(key) ?? { count: 0, sum: 0n };
    if (left.count !== right.count)
      return [`${key}: ${left.count} against ${right.count}`];
    if (left.sum !== right.sum)
      return [`${key}: ${left.count} each, with other properties or ends`];
    return [];
  });
}
