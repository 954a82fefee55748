import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Starts forwarding to the target; until then connections are refused. */
  open(): Promise<void>;
  /**
   * Stops forwarding without closing anything, on the open connections and
   * on new ones: what a client sees of a frozen server.
   */
  freeze(): void;
  close(): Promise<void>;
}

/**
 * A loopback port that can be made to refuse connections, then forward them
 * to a real server, or to hold them without an answer: how a test shows a
 * server going away, coming back, or freezing.
 */
export async function createTcpProxy(targetPort: number): Promise<TcpProxy> {
  // Reserve a free port, then release it until the proxy opens.
  const probe = net.createServer();
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>(resolve => probe.close(() => resolve()));
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  let frozen = false;
  const server = net.createServer(client => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (frozen) return; // accepted, never answered
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => upstream.destroy());
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => pairs.delete(pair));
    client.pipe(upstream).pipe(client);
  });
  return {
    port,
    open: () =>
      new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve())),
    freeze() {
      frozen = true;
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    close: async () => {
      sockets.forEach(socket => socket.destroy());
      if (server.listening)
        await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
