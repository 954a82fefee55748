/*
 * Whether the ports a local stack needs are free: for the demo
 * (dev/demo.ts check-ports) and the browser tests (plugins/sentry-graph/e2e).
 */
import net from 'node:net';

/** Binds the port the way the servers will, so any listener makes it fail. */
function portFree(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', error => resolve(error as NodeJS.ErrnoException));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => resolve(undefined)),
    );
  });
}

/** One readable line per port that is taken or unusable; [] when all are free. */
export async function portProblems(
  ports: Array<{ what: string; port: number }>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const { what, port } of ports) {
    const error = await portFree(port);
    if (!error) continue;
    if (error.code !== 'EADDRINUSE') {
      problems.push(`port ${port} (${what}) cannot be used: ${error.message}`);
      continue;
    }
    // An earlier demo still running is the likely culprit; say so.
    const earlierDemo = await fetch(
      `http://127.0.0.1:${port}/api/sentry-graph/health`,
      { signal: AbortSignal.timeout(2000) },
    ).then(
      response => response.ok,
      () => false,
    );
    problems.push(
      `port ${port} (${what}) is already in use${earlierDemo ? ' by a sentry-graph backend: is an earlier demo still running?' : ''}`,
    );
  }
  return problems;
}
