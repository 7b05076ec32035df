// Which store this process runs on: the embedded in-memory store by default, the shared Redis store
// when REDIS_URL is set. The transports only ever see the ChannelStore interface.
import type { Config } from '../config.ts';
import { MemoryStore } from './memory-store.ts';
import { RedisStore } from './redis-store.ts';
import type { ChannelStore } from './types.ts';

export interface SelectedStore {
  readonly store: ChannelStore;
  /** Resolves once the store can take work, or false when it could not be reached in time (degraded start). */
  readonly ready: Promise<boolean>;
  /**
   * Whether this instance should do a job that must happen once across all instances (the ticker):
   * always true on the in-memory store, where every process has its own logs; on Redis, one lease holder.
   */
  readonly holdsLease: (job: string, ttlMs: number) => Promise<boolean>;
}

/** How long startup waits for Redis before serving anyway, degraded. */
const REDIS_CONNECT_WAIT_MS = 5000;

export function selectStore(config: Config, pinned: readonly string[]): SelectedStore {
  if (!config.REDIS_URL) {
    const store = new MemoryStore({
      retention: config.RETENTION,
      idleMs: config.CHANNEL_IDLE_MS,
      maxChannels: config.MAX_CHANNELS,
      maxBytes: config.STORE_MAX_BYTES,
      pinned,
    });
    return { store, ready: Promise.resolve(true), holdsLease: async () => true };
  }
  const store = new RedisStore({
    url: config.REDIS_URL,
    retention: config.RETENTION,
    idleMs: config.CHANNEL_IDLE_MS,
    pinned,
  });
  return {
    store,
    ready: store.connect(REDIS_CONNECT_WAIT_MS),
    holdsLease: (job, ttlMs) => store.holdsLease(job, config.INSTANCE_ID, ttlMs),
  };
}
