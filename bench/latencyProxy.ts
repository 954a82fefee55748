import net from 'node:net';

export interface LatencyProxy {
  port: number;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy that delays every chunk by half the round trip in
 * each direction, as a Neo4j some tens of milliseconds away (Aura, another
 * data centre) would be. Chunks keep their order: every one waits the same
 * time, and Node fires timers of one duration in the order they were set.
 */
export async function startLatencyProxy(
  targetPort: number,
  roundTripMs: number,
): Promise<LatencyProxy> {
  const oneWayMs = roundTripMs / 2;
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      // Nagle's algorithm would add delays of its own to small messages.
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    forwardLate(client, upstream, oneWayMs);
    forwardLate(upstream, client, oneWayMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>(resolve => {
        sockets.forEach(socket => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

function forwardLate(from: net.Socket, to: net.Socket, delayMs: number): void {
  from.on('data', chunk => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
}
