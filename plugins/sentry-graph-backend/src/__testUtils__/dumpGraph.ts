import { LEASE_LABEL } from '../graph/leaseSchema';
import { ROUTINE_BOOKKEEPING } from '../graph/routineCypher';
import type { TestGraph } from './testGraph';

export interface DumpedNode {
  labels: string[];
  props: Record<string, unknown>;
}

export interface DumpedRelationship {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

export interface GraphDump {
  nodes: DumpedNode[];
  relationships: DumpedRelationship[];
  /** Nodes and relationships missing firstseen or lastupdated, or with a lastupdated other than expected. */
  badStamps: string[];
}

const STAMPS = ['firstseen', 'lastupdated'];

export interface DumpOptions {
  /**
   * Keeps `firstseen` in the properties: two dumps then differ when a node
   * or relationship was deleted and written anew, not only when it is gone.
   */
  keepFirstseen?: boolean;
}

/**
 * The whole graph, sorted, with the run stamps checked separately and the
 * routine runs' bookkeeping left out, so that a test can compare everything
 * else with a literal.
 */
export async function dumpGraph(
  graph: TestGraph,
  updateTag?: number,
  options: DumpOptions = {},
): Promise<GraphDump> {
  // The routine runs' state is bookkeeping, as the stamps are.
  const dropped = [
    ...(options.keepFirstseen ? ['lastupdated'] : STAMPS),
    ...ROUTINE_BOOKKEEPING,
  ];
  const withoutStamps = (props: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(props).filter(([name]) => !dropped.includes(name)),
    );
  const nodes = await graph.query<{
    labels: string[];
    props: Record<string, unknown>;
  }>(
    // The lease is no part of what a run syncs: its times change every run.
    `MATCH (n) WHERE NOT n:${LEASE_LABEL} RETURN labels(n) AS labels, properties(n) AS props`,
  );
  const relationships = await graph.query<{
    type: string;
    from: string;
    to: string;
    props: Record<string, unknown>;
  }>(
    'MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props',
  );
  const badStamps: string[] = [];
  const check = (what: string, props: Record<string, unknown>) => {
    const ok =
      Number.isInteger(props.firstseen) &&
      Number.isInteger(props.lastupdated) &&
      (updateTag === undefined || props.lastupdated === updateTag);
    if (!ok) badStamps.push(`${what} ${JSON.stringify(props)}`);
  };
  nodes.forEach(n => check(n.labels.join(':'), n.props));
  relationships.forEach(r => check(`${r.type} ${r.from}->${r.to}`, r.props));
  return {
    nodes: nodes
      .map(n => ({
        labels: [...n.labels].sort(),
        props: withoutStamps(n.props),
      }))
      .sort((a, b) => key(a).localeCompare(key(b))),
    relationships: relationships
      .map(r => ({ ...r, props: withoutStamps(r.props) }))
      .sort((a, b) =>
        `${a.type} ${a.from} ${a.to}`.localeCompare(
          `${b.type} ${b.from} ${b.to}`,
        ),
      ),
    badStamps,
  };
}

function key(node: DumpedNode): string {
  return `${node.labels.join(':')} ${String(node.props.id)}`;
}

/** Relationship triples of one type, sorted: compact for literals. */
export function edges(dump: GraphDump, type: string): string[] {
  return dump.relationships
    .filter(r => r.type === type)
    .map(
      r =>
        `${r.from}->${r.to}${r.props.role ? ` ${String(r.props.role)}` : ''}`,
    )
    .sort();
}
