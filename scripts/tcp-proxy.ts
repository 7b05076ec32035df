// A TCP proxy that hands each new connection to the next of its targets in turn. In front of the
// cluster's instances it is the load balancer of the scaling lesson (round robin per connection, with no
// sticky sessions: a keep-alive connection stays on one instance, the next connection may not); in
// front of Redis, tests use it to cut the network between one instance and Redis.
import net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Drops every connection through the proxy and refuses new ones: the network is down. */
  cut(): void;
  /** Lets connections through again. */
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(opts: {
  targets: readonly number[];
  port?: number;
  host?: string;
}): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let down = false;
  let next = 0;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const target = opts.targets[next++ % opts.targets.length]!;
    const upstream = net.connect(target, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.pipe(to);
      // A target that is down (or restarting) just closes the client's connection, as a balancer would.
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => ok());
  });
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
