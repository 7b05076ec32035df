// What every route and transport is given: built once in server.ts, passed down, never global, so a test
// can start two servers with different settings in one process.
import type { Config } from './config.ts';
import type { ConnectionRegistry } from './connections.ts';
import type { LabRegistry } from './lab/index.ts';
import type { PublishRateLimiter } from './limits.ts';
import type { ChannelStore } from './log/types.ts';
import type { Metrics } from './metrics.ts';

export interface Deps {
  readonly config: Config;
  readonly store: ChannelStore;
  readonly metrics: Metrics;
  readonly connections: ConnectionRegistry;
  readonly publishLimiter: PublishRateLimiter;
  /** Captures and fault injection for connections tagged `?lab=<id>` (api/lab/). */
  readonly labs: LabRegistry;
  readonly lifecycle: { readonly shuttingDown: boolean };
}
