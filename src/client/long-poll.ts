/**
 * The browser side of long polling (RFC 6202 §2): ask "anything after my cursor?" and let the server
 * hold the request until there is. Server side: api/transports/long-poll.ts.
 */
import { HTTP_GAVE_UP_SAMPLE, httpFeed } from './http-feed.ts';
import type { FeedClient, FeedOptions } from './types.ts';
import type { FeedOpener } from './open-feed.ts';

export interface LongPollOptions extends FeedOptions {
  /** How long the server may hold a request with nothing to say (it clamps this to 0–30000). */
  timeoutMs?: number;
}

// #region long-poll-client
export function openLongPoll(options: LongPollOptions): FeedClient {
  const { timeoutMs = 25_000 } = options;
  const feed = httpFeed('long-poll', options);

  void (async () => {
    while (feed.running) {
      // The server answers as soon as an event exists after our cursor, or with an empty list when
      // timeoutMs runs out. Either way the loop asks again at once, so an event never waits for us:
      // between two requests the cursor, not an open connection, keeps our place.
      const got = await feed.ask({ timeout: timeoutMs });
      if (got < 0) await feed.wait(feed.retryDelay());
    }
  })();

  return feed.client;
}
// #endregion long-poll-client

export const longPollClient = {
  technique: 'long-poll',
  open: openLongPoll,
  gaveUp: [HTTP_GAVE_UP_SAMPLE],
  stopsWith: [{ code: 'refused', status: 404 }],
} as const satisfies FeedOpener;
