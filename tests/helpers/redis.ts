// A real redis-server for tests (Debian's package; installed by ensureRedisServer() when missing and we
// are root on Debian, otherwise a message says what to install): on a free port, persistence off, in a
// temporary directory, stopped by the test that started it.
import net from 'node:net';

export { ensureRedisServer, startRedisServer, type RedisServer } from '../../scripts/redis-server.ts';

/**
 * The store the integration suite runs on. `npm test` runs tests/integration twice: as is (the
 * in-memory store), then with TEST_STORE=redis, where every test server gets a Redis of its own.
 */
export const TEST_STORE: 'memory' | 'redis' = process.env.TEST_STORE === 'redis' ? 'redis' : 'memory';

export interface TcpProxy {
  readonly port: number;
  /** Drops every connection through the proxy and refuses new ones: the network to Redis is down. */
  cut(): void;
  /** Lets connections through again. */
  heal(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a port, to take the network between one instance and Redis down while
 * Redis itself (and every other instance) carries on.
 */
export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as net.AddressInfo;
  const cut = () => {
    down = true;
    for (const s of sockets) s.destroy();
  };
  return {
    port,
    cut,
    heal: () => void (down = false),
    async close() {
      cut();
      await new Promise((ok) => server.close(ok));
    },
  };
}
