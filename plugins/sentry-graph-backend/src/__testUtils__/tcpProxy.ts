import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Starts forwarding to the target; until then connections are refused. */
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback port that can be made to refuse connections, then forward them
 * to a real server: how a test shows Neo4j going away and coming back.
 */
export async function createTcpProxy(targetPort: number): Promise<TcpProxy> {
  // Reserve a free port, then release it until the proxy opens.
  const probe = net.createServer();
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>(resolve => probe.close(() => resolve()));
  const sockets = new Set<net.Socket>();
  const server = net.createServer(client => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    port,
    open: () =>
      new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve())),
    close: async () => {
      sockets.forEach(socket => socket.destroy());
      if (server.listening)
        await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
