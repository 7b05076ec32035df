/**
 * What every widget that reads a feed keeps about it: the client's state, where it is in the log (so a
 * feed closed for a hidden tab or a new setting reopens from there) and the delivery check. The
 * callbacks here keep those up to date; a widget adds what it draws on top.
 */
import type { ChannelEvent, ConnectionState, FeedCallbacks, StopReason } from '../../client/types.ts';
import type { DeliveryCheck } from '../technique-demo/delivery-check.ts';

export interface TrackedFeed {
  state: 'idle' | ConnectionState;
  /** Why, in words, for an 'error' state. */
  detail: string;
  /** The same as a code, for a page that says it in its own language. */
  reason?: StopReason;
  check: DeliveryCheck;
  /** Where to resume: the last seq received, 0 after a reset (before everything of the new history). */
  after: number | undefined;
  epoch: string | undefined;
}

export interface TrackedExtras {
  event?: (event: ChannelEvent, verdict: ReturnType<DeliveryCheck['event']>) => void;
  gap?: (missed: number) => void;
  reset?: () => void;
}

export function trackedCallbacks(
  model: TrackedFeed,
  render: () => void,
  extras: TrackedExtras = {},
): Pick<FeedCallbacks, 'onState' | 'onEvent' | 'onGap' | 'onReset'> {
  return {
    onState: (state, detail, reason) => {
      model.state = state;
      model.detail = detail ?? '';
      model.reason = reason;
      render();
    },
    onEvent: (event) => {
      model.after = event.seq;
      extras.event?.(event, model.check.event(event.seq));
      render();
    },
    onGap: ({ missed }) => {
      model.check.gap(missed);
      extras.gap?.(missed);
      render();
    },
    onReset: ({ epoch }) => {
      model.after = 0;
      model.epoch = epoch ?? model.epoch;
      model.check.reset();
      extras.reset?.();
      render();
    },
  };
}
