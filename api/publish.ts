// Publishing one event, the same rules whether it comes over HTTP or over a WebSocket.
import { READ_ONLY_CHANNELS } from '../protocol/channels.ts';
import type { Deps } from './context.ts';
import { ApiError, asApiError } from './errors.ts';
import type { AppendResult } from './log/types.ts';

/** A publish's `ref` (its idempotency key): a string of at most MAX_REF_LENGTH characters, or a number. */
export type Ref = string | number;

export async function publishEvent(
  deps: Deps,
  channel: string,
  data: unknown,
  ip: string,
  via: 'http' | 'websocket',
  ref?: Ref,
): Promise<AppendResult> {
  if (READ_ONLY_CHANNELS.has(channel)) {
    throw new ApiError(
      'read_only_channel',
      `The "${channel}" channel is published by the server itself; publish to a channel of your own instead.`,
    );
  }
  // The limit counts bytes, not characters: "é" is one character but two bytes of UTF-8 on the wire.
  const bytes = Buffer.byteLength(JSON.stringify(data));
  if (bytes > deps.config.PUBLISH_MAX_BYTES) {
    throw new ApiError(
      'payload_too_large',
      `"data" serializes to ${bytes} bytes; the limit is ${deps.config.PUBLISH_MAX_BYTES} bytes.`,
    );
  }
  const rate = await deps.publishLimiter.take(ip);
  if (!rate.allowed) {
    throw new ApiError('rate_limited', `Too many publishes from your address; retry in ${rate.retryAfterSec} s.`, {
      'Retry-After': String(rate.retryAfterSec),
    });
  }
  let result: AppendResult;
  try {
    // The same ref on the same channel within PUBLISH_DEDUPE_MS appends once (docs/api-contract.md, section 4).
    result = await deps.store.append(
      channel,
      data,
      ref === undefined ? undefined : { key: JSON.stringify(ref), windowMs: deps.config.PUBLISH_DEDUPE_MS },
    );
  } catch (err) {
    // As an ApiError, so the WebSocket transport answers it with an error message, as it does a 429.
    throw asApiError(err) ?? err;
  }
  if (!result.duplicate) deps.metrics.published.inc({ via });
  return result;
}
