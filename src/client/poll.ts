/**
 * The browser side of short polling: ask "anything after my cursor?" on a timer.
 * Server side: api/transports/poll.ts. Wire format: docs/api-contract.md.
 */
import { HTTP_GAVE_UP_SAMPLE, httpFeed } from './http-feed.ts';
import type { FeedClient, FeedOptions } from './types.ts';
import type { FeedOpener } from './open-feed.ts';

/** Events asked for per request (the server's default; it allows up to 1000). */
const PAGE = 100;

export interface PollOptions extends FeedOptions {
  /** Time between the end of one answer and the next request. */
  intervalMs?: number;
}

// #region poll-client
export function openPoll(options: PollOptions): FeedClient {
  const { intervalMs = 2000 } = options;
  const feed = httpFeed('poll', options);

  void (async () => {
    while (feed.running) {
      const got = await feed.ask({ limit: PAGE });
      // A full page means more is waiting (after a long absence, say): ask again at once.
      if (got === PAGE) continue;
      // Otherwise ask again after the interval, news or not: that is short polling. An event
      // published just after an answer waits up to a whole interval to be seen, and most answers
      // carry nothing. After a failure, wait longer each time: many clients retrying at once would
      // pile onto a server that is struggling already.
      await feed.wait(got >= 0 ? intervalMs : feed.retryDelay());
    }
  })();

  return feed.client;
}
// #endregion poll-client

export const pollClient = {
  technique: 'poll',
  open: openPoll,
  gaveUp: [HTTP_GAVE_UP_SAMPLE],
  stopsWith: [{ code: 'refused', status: 404 }],
} as const satisfies FeedOpener;
