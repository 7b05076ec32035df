/**
 * The browser side of short polling: ask "anything after my cursor?" on a timer.
 * Server side: api/transports/poll.ts. Wire format: shared/api-contract.md.
 */
import { httpFeed } from './http-feed.ts';
import type { FeedClient, FeedOptions } from './types.ts';

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
      const answered = await feed.ask();
      // Ask again after the interval, news or not: that is short polling. An event published just
      // after an answer waits up to a whole interval to be seen; most answers carry nothing.
      // After a failure, wait longer each time: many clients retrying at once would pile onto a
      // server that is struggling already.
      await feed.wait(answered ? intervalMs : feed.retryDelay());
    }
  })();

  return feed.client;
}
// #endregion poll-client
