import type { GraphDump } from '../dumpGraph';

/**
 * What `after` lost or changed compared with `before`, one line each: a
 * node or relationship missing, added, or with other properties (firstseen
 * included when the dumps kept it). Empty when the graphs are the same.
 */
export function graphDifferences(
  before: GraphDump,
  after: GraphDump,
): string[] {
  const nodes = (dump: GraphDump) =>
    new Map(
      dump.nodes.map(node => [
        `${node.labels.join(':')} ${String(node.props.id)}`,
        node.props,
      ]),
    );
  const relationships = (dump: GraphDump) =>
    new Map(
      dump.relationships.map(r => [`${r.type} ${r.from}->${r.to}`, r.props]),
    );
  return [
    ...compare(nodes(before), nodes(after)),
    ...compare(relationships(before), relationships(after)),
  ];
}

function compare(
  before: Map<string, Record<string, unknown>>,
  after: Map<string, Record<string, unknown>>,
): string[] {
  const lines: string[] = [];
  for (const [key, props] of before) {
    const now = after.get(key);
    if (!now) lines.push(`lost ${key}`);
    else if (JSON.stringify(sorted(now)) !== JSON.stringify(sorted(props)))
      lines.push(
        `changed ${key}: ${JSON.stringify(sorted(props))} -> ${JSON.stringify(sorted(now))}`,
      );
  }
  for (const key of after.keys())
    if (!before.has(key)) lines.push(`added ${key}`);
  return lines;
}

function sorted(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(props).sort(([a], [b]) => a.localeCompare(b)),
  );
}
