// What every route and transport is given: built once in server.ts, passed down, never global, so a test
// can start two servers with different settings in one process.
import type { Config } from './config.ts';
import type { ConnectionRegistry } from './connections.ts';
import type { LabRegistry } from './lab/capture.ts';
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

/** Channels clients may read but not write. */
export const TICKER_CHANNEL = 'ticker';
export const READ_ONLY_CHANNELS: ReadonlySet<string> = new Set([TICKER_CHANNEL]);
export const CHANNEL_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
