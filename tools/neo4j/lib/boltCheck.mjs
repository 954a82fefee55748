// A minimal Bolt client (handshake, HELLO/LOGON, RUN "RETURN 1", PULL), enough to
// prove that a Bolt client can log in and run a query, without npm packages.
import net from 'node:net';
import { DEFAULT_PORT, NEO4J_USER } from './config.mjs';
import { chunk, packValue, unpack } from './packstream.mjs';

/**
 * @returns {Promise<{status:'ok'|'refused'|'auth'|'not-bolt'|'error', message?:string, server?:string, bolt?:string}>}
 */
export function boltCheck({
  host = '127.0.0.1',
  port = DEFAULT_PORT,
  user = NEO4J_USER,
  password,
  timeoutMs = 10_000,
}) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port });
    let buf = Buffer.alloc(0);
    let waiter = null;
    let done = false;
    let connected = false;
    const finish = res => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(res);
    };
    const timer = setTimeout(
      () =>
        finish({
          status: connected ? 'error' : 'refused',
          message: `no answer within ${timeoutMs} ms`,
        }),
      timeoutMs,
    );
    socket.on('error', err => {
      if (
        !connected &&
        (err.code === 'ECONNREFUSED' || err.code === 'EADDRNOTAVAIL')
      ) {
        finish({ status: 'refused', message: err.message });
      } else {
        finish({
          status: connected ? 'error' : 'refused',
          message: err.message,
        });
      }
    });
    socket.on('close', () => {
      if (waiter) waiter.reject(new Error('connection closed by the server'));
    });
    socket.on('data', d => {
      buf = Buffer.concat([buf, d]);
      if (waiter) waiter.check();
    });
    const read = n =>
      new Promise((res, rej) => {
        waiter = {
          check() {
            if (buf.length >= n) {
              const out = buf.subarray(0, n);
              buf = buf.subarray(n);
              waiter = null;
              res(out);
            }
          },
          reject: rej,
        };
        waiter.check();
      });
    const readMessage = async () => {
      const parts = [];
      for (;;) {
        const size = (await read(2)).readUInt16BE(0);
        if (size === 0) {
          if (parts.length === 0) continue; // NOOP chunk (keep-alive)
          break;
        }
        parts.push(await read(size));
      }
      const msg = unpack(Buffer.concat(parts), { pos: 0 });
      return { sig: msg.sig, meta: msg.fields[0] };
    };
    const send = (sig, ...fields) =>
      socket.write(chunk(packValue({ $struct: sig, fields })));

    socket.on('connect', async () => {
      connected = true;
      try {
        // Magic, then up to four version proposals [0, range, minor, major]:
        // 5.8 down to 5.0, then 4.4 down to 4.2.
        socket.write(
          Buffer.from([
            0x60, 0x60, 0xb0, 0x17, 0, 8, 8, 5, 0, 2, 4, 4, 0, 0, 0, 0, 0, 0, 0,
            0,
          ]),
        );
        let v;
        const handshakeTimer = setTimeout(
          () =>
            finish({
              status: 'not-bolt',
              message: 'no Bolt handshake answer within 5 s',
            }),
          Math.min(5000, timeoutMs),
        );
        try {
          v = await read(4);
        } catch (e) {
          return finish({
            status: 'not-bolt',
            message: `no Bolt handshake answer (${e.message})`,
          });
        } finally {
          clearTimeout(handshakeTimer);
        }
        const major = v[3];
        const minor = v[2];
        if (v[0] !== 0 || v[1] !== 0 || (major !== 4 && major !== 5)) {
          return finish({
            status: 'not-bolt',
            message:
              major === 0 && minor === 0
                ? 'Bolt server supports none of the offered versions'
                : `unexpected handshake answer ${v.toString('hex')}`,
          });
        }
        const bolt = `${major}.${minor}`;
        const auth = {
          scheme: 'basic',
          principal: user,
          credentials: password,
        };
        const hello = { user_agent: 'sentry-graph-neo4j-mjs/1.0' };
        if (major === 5 && minor >= 3)
          hello.bolt_agent = { product: 'sentry-graph-neo4j-mjs/1.0' };
        const separateLogon = major === 5 && minor >= 1;
        send(0x01, separateLogon ? hello : { ...hello, ...auth });
        let r = await readMessage();
        if (r.sig !== 0x70) return finish(failure(r, bolt));
        const server = r.meta?.server;
        if (separateLogon) {
          send(0x6a, auth);
          r = await readMessage();
          if (r.sig !== 0x70) return finish(failure(r, bolt, server));
        }
        send(0x10, 'RETURN 1 AS one', {}, {});
        send(0x3f, { n: -1 });
        r = await readMessage();
        if (r.sig !== 0x70) return finish(failure(r, bolt, server));
        let value;
        for (;;) {
          r = await readMessage();
          if (r.sig === 0x71) {
            value = r.meta?.[0];
            continue;
          }
          break;
        }
        if (r.sig !== 0x70) return finish(failure(r, bolt, server));
        socket.write(chunk(packValue({ $struct: 0x02, fields: [] })));
        if (Number(value) !== 1) {
          return finish({
            status: 'error',
            message: `RETURN 1 returned ${String(value)}`,
            server,
            bolt,
          });
        }
        finish({ status: 'ok', server, bolt });
      } catch (e) {
        finish({ status: 'error', message: e.message });
      }
    });
  });
}

function failure(r, bolt, server) {
  if (r.sig === 0x7f) {
    const code = r.meta?.code ?? r.meta?.neo4j_code ?? '';
    const message = `${code}: ${r.meta?.message ?? ''}`;
    const isAuth =
      /Security\.(Unauthorized|AuthenticationRateLimit|CredentialsExpired)/.test(
        code,
      );
    return { status: isAuth ? 'auth' : 'error', message, bolt, server };
  }
  return {
    status: 'error',
    message: `unexpected Bolt message 0x${r.sig?.toString(16)}`,
    bolt,
    server,
  };
}
