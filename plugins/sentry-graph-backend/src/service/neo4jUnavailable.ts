import { ServiceUnavailableError } from '@backstage/errors';
import { isNeo4jUnusable } from '../graph/neo4jErrors';

/**
 * Runs a request's reads of the graph. A failure that shows Neo4j cannot be
 * used now (out of reach, login refused, stalled) is a 503 in Backstage's
 * error shape that says so and names the setting to check, not a 500 with
 * the driver's words: the request was fine, and may be made again once
 * Neo4j answers. The message names Neo4j's URI and user, never the password.
 */
export async function neo4jUnusableAs503<T>(
  graph: { describeError(error: unknown): string },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isNeo4jUnusable(error)) throw error;
    throw new ServiceUnavailableError(graph.describeError(error));
  }
}
