// Two instances of the server on one real Redis, as behind a load balancer: named "a" and "b".
import type { Config } from '../../api/config.ts';
import { startRedisServer, type RedisServer } from './redis.ts';
import { startTestServer, type TestServer } from './server.ts';

export interface TwoInstances {
  readonly redis: RedisServer;
  readonly A: TestServer;
  readonly B: TestServer;
  close(): Promise<void>;
}

export async function startTwoInstances(overrides: Partial<Config> = {}): Promise<TwoInstances> {
  const redis = await startRedisServer();
  // These tests publish fast from one address; the rate limit is tested elsewhere.
  const settings = { REDIS_URL: redis.url, PUBLISH_RATE_PER_SEC: 100_000, PUBLISH_BURST: 100_000, ...overrides };
  const A = await startTestServer({ ...settings, INSTANCE_ID: 'a' });
  const B = await startTestServer({ ...settings, INSTANCE_ID: 'b' });
  return {
    redis,
    A,
    B,
    async close() {
      await A.close();
      await B.close();
      await redis.close();
    },
  };
}
