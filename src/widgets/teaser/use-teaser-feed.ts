/**
 * One column of the teaser: one technique's browser client (src/client/, the code the lessons show)
 * reading the shared channel, and the figures the column shows. The teaser calls this once per
 * technique, so changing the polling interval reopens the polling client alone.
 */
import { useEffect, useRef } from 'preact/hooks';
import { holdsOneConnection, type TechniqueId, technique as techniqueInfo } from '../../../protocol/techniques.ts';
import { openFeed } from '../../client/open-feed.ts';
import type { ConnectionState, StopReason } from '../../client/types.ts';
import { trackedCallbacks, type TrackedFeed } from '../shared/tracked-feed.ts';
import { DeliveryCheck } from '../technique-demo/delivery-check.ts';
import type { LagMeter } from './lag-meter.ts';

export type ColumnState = 'idle' | ConnectionState;

/** What one column shows. Mutated by the client's callbacks; the teaser re-renders in batches. */
export class ColumnModel implements TrackedFeed {
  state: ColumnState = 'idle';
  detail = '';
  reason: StopReason | undefined;
  /** Every event once, in order: counted from the first event after opening at the channel's head. */
  check = new DeliveryCheck(undefined);
  /** HTTP requests: each poll and long-poll, or the GET (with Upgrade, for WebSocket) of each (re)connection. */
  requests = 0;
  /** Answers that carried no event: polls that found nothing, long-polls that timed out. */
  empty = 0;
  /** Where to resume after a pause (hidden tab, Stop), so the figures carry on without loss. */
  after: number | undefined;
  epoch: string | undefined;

  /** The polling interval changed: its request figures start again (delivery is checked throughout). */
  restartFigures(): void {
    this.requests = 0;
    this.empty = 0;
  }
}

/**
 * Runs `technique` on `channel` while `enabled`. `intervalMs` only matters for polling (the other
 * techniques ignore it, and their effect does not depend on it).
 */
export function useTeaserFeed(
  technique: TechniqueId,
  channel: string,
  enabled: boolean,
  intervalMs: number,
  meter: LagMeter<TechniqueId>,
  render: () => void,
): ColumnModel {
  const model = useRef(new ColumnModel()).current;
  // Only short polling has an interval; the other techniques' effect does not depend on it.
  const ownInterval = techniqueInfo(technique).connection === 'request-per-answer' ? intervalMs : 0;

  useEffect(() => {
    if (!enabled) {
      model.state = 'idle';
      render();
      return;
    }
    const client = openFeed(technique, {
      channel,
      after: model.after,
      epoch: model.epoch,
      ...trackedCallbacks(model, render, {
        event: (event) => meter.arrived(technique, event.seq, performance.now()),
        // The server lost the history: seqs start again, for every technique.
        reset: () => meter.forgetArrivals(),
      }),
      onReconnect: () => {
        if (holdsOneConnection(technique)) model.requests += 1;
        render();
      },
      onWire: (activity) => {
        if (activity.kind === 'request') model.requests += 1;
        if (activity.kind === 'response' && activity.events === 0) model.empty += 1;
      },
      intervalMs,
    });
    if (holdsOneConnection(technique)) model.requests += 1;
    return () => {
      model.epoch = client.epoch ?? model.epoch;
      client.close();
      model.state = 'idle';
      render();
    };
  }, [technique, channel, enabled, ownInterval]);

  return model;
}
