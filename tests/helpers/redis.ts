// A real redis-server for tests (Debian's package; installed by ensureRedisServer() when missing and we
// are root on Debian, otherwise a message says what to install): on a free port, persistence off, in a
// temporary directory, stopped by the test that started it.
import { startTcpProxy as startProxy, type TcpProxy } from '../../scripts/tcp-proxy.ts';

export { ensureRedisServer, startRedisServer, type RedisServer } from '../../scripts/redis-server.ts';
export type { TcpProxy };

/**
 * The store the integration suite runs on. `npm test` runs tests/integration twice: as is (the
 * in-memory store), then with TEST_STORE=redis, where every test server gets a Redis of its own.
 */
export const TEST_STORE: 'memory' | 'redis' = process.env.TEST_STORE === 'redis' ? 'redis' : 'memory';

/** A proxy in front of Redis, to take the network between one instance and Redis down. */
export async function startTcpProxy(redisPort: number): Promise<TcpProxy> {
  return startProxy({ targets: [redisPort] });
}
