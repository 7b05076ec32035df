/**
 * Runs one technique's browser client against the learner's private lab channel and keeps what the
 * demo shows: state, counters, the delivery check and the timeline. The client is the same one the
 * lessons' source panels show (src/client/); this hook only listens to it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { holdsOneConnection, type TechniqueId } from '../../../protocol/techniques.ts';
import { openFeed } from '../../client/open-feed.ts';
import type { ConnectionState, FeedClient, StopReason, WireActivity } from '../../client/types.ts';
import type { WebSocketFeed } from '../../client/websocket.ts';
import { widgetWords } from '../shared/words.ts';
import type { Locale } from '../../i18n/locales.ts';
import { labChannel } from '../shared/lab-api.ts';
import { trackedCallbacks, type TrackedFeed } from '../shared/tracked-feed.ts';
import { useBatchedRender } from '../shared/use-batched-render.ts';
import { DeliveryCheck } from './delivery-check.ts';

export type WidgetState = 'idle' | ConnectionState;

export interface FeedSettings {
  intervalMs: number;
  timeoutMs: number;
}

export type TimelineItem =
  | {
      kind: 'request';
      id: number;
      start: number;
      end: number | null;
      outcome: 'events' | 'empty' | 'failed' | 'cancelled' | null;
      events: number;
    }
  /** An open stream (SSE) or socket (WebSocket); `dropped` when it ended without the page asking. */
  | { kind: 'link'; start: number; end: number | null; dropped: boolean }
  | { kind: 'event'; at: number; seq: number; verdict: 'ok' | 'duplicate' | 'loss' }
  /** Events in order that arrived all at once (a replayed backlog, a long poll's full page), drawn as one. */
  | { kind: 'burst'; start: number; end: number; first: number; last: number; count: number }
  | { kind: 'mark'; at: number; label: string; detail: string };

export interface Counters {
  requests: number;
  empty: number;
  reconnects: number;
  bytes: number;
  latencyMs: number | null;
}

/** Items kept for the timeline, whatever their age: a flood of events must not grow the page without end. */
const MAX_ITEMS = 400;
/**
 * Events closer together than this are one burst, once there are more than FOLD_AFTER of them: a
 * replay of a thousand events after a gap would otherwise be a thousand items, pushing the fault and
 * the gap notice that explain it out of the timeline. The ticker's events, a second apart, never fold.
 */
const BURST_MS = 150;
const FOLD_AFTER = 5;
/** Renders are batched: a replay of a thousand events is drawn a few times, not a thousand. */
const RENDER_BATCH_MS = 80;

class FeedModel implements TrackedFeed {
  state: WidgetState = 'idle';
  detail = '';
  reason: StopReason | undefined;
  check = new DeliveryCheck(0);
  counters: Counters = { requests: 0, empty: 0, reconnects: 0, bytes: 0, latencyMs: null };
  items: TimelineItem[] = [];
  /** Where to resume when the feed is opened again (after Stop, a hidden tab or a settings change). */
  after: number | undefined = 0;
  epoch: string | undefined;
  client: FeedClient | WebSocketFeed | null = null;

  push(item: TimelineItem): void {
    this.items.push(item);
    if (this.items.length <= MAX_ITEMS) return;
    // The oldest go first, but not notices nor what is still open: they are what the picture is about.
    let excess = this.items.length - MAX_ITEMS;
    const lasting = (i: TimelineItem) => i.kind === 'mark' || ('end' in i && i.end === null);
    for (const drop of [(i: TimelineItem) => !lasting(i), () => true]) {
      this.items = this.items.filter((i) => !(excess > 0 && drop(i) && excess--));
    }
  }

  /** An event, folded into the burst it belongs to (see BURST_MS). */
  pushEvent(at: number, seq: number, verdict: 'ok' | 'duplicate' | 'loss'): void {
    const last = this.items.at(-1);
    if (verdict === 'ok' && last?.kind === 'burst' && at - last.end <= BURST_MS && seq === last.last + 1) {
      Object.assign(last, { end: at, last: seq, count: last.count + 1 });
      return;
    }
    if (verdict === 'ok') {
      // The trailing run of single events this one continues, if it is now long enough to fold.
      let run = 0;
      let next = { at, seq };
      for (let i = this.items.length - 1; i >= 0; i--) {
        const item = this.items[i]!;
        if (item.kind !== 'event' || item.verdict !== 'ok' || next.at - item.at > BURST_MS || item.seq !== next.seq - 1)
          break;
        run++;
        next = item;
      }
      if (run >= FOLD_AFTER) {
        const first = this.items.length - run;
        const start = (this.items[first] as Extract<TimelineItem, { kind: 'event' }>).at;
        this.items.splice(first, run, { kind: 'burst', start, end: at, first: next.seq, last: seq, count: run + 1 });
        return;
      }
    }
    this.push({ kind: 'event', at, seq, verdict });
  }

  private openItem<K extends 'request' | 'link'>(
    kind: K,
    match: (item: Extract<TimelineItem, { kind: K }>) => boolean,
  ) {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i]!;
      if (item.kind === kind && item.end === null && match(item as Extract<TimelineItem, { kind: K }>))
        return item as Extract<TimelineItem, { kind: K }>;
    }
    return undefined;
  }

  wire(activity: WireActivity): void {
    const now = Date.now();
    switch (activity.kind) {
      case 'request':
        this.counters.requests += 1;
        this.push({ kind: 'request', id: activity.id, start: now, end: null, outcome: null, events: 0 });
        break;
      case 'response': {
        this.counters.bytes += activity.bytes;
        if (activity.events === 0) this.counters.empty += 1;
        const item = this.openItem('request', (r) => r.id === activity.id);
        if (item)
          Object.assign(item, {
            end: now,
            outcome: activity.events === 0 ? 'empty' : 'events',
            events: activity.events,
          });
        break;
      }
      case 'failed': {
        const item = this.openItem('request', (r) => r.id === activity.id);
        if (item) Object.assign(item, { end: now, outcome: 'failed' });
        break;
      }
      case 'open':
        this.push({ kind: 'link', start: now, end: null, dropped: false });
        break;
      case 'closed': {
        const item = this.openItem('link', () => true);
        if (item) Object.assign(item, { end: now, dropped: true });
        break;
      }
      case 'message':
        this.counters.bytes += activity.bytes;
        break;
      case 'sent':
        break;
    }
  }

  /** The page closed its own connection: what is still open ends here, not as a failure. */
  endOpenItems(): void {
    const now = Date.now();
    for (const item of this.items) {
      if (item.kind === 'request' && item.end === null) Object.assign(item, { end: now, outcome: 'cancelled' });
      if (item.kind === 'link' && item.end === null) item.end = now;
    }
  }
}

export interface LabFeed {
  readonly model: FeedModel;
  /** Adds a marker to the timeline (a fault the learner injected). */
  mark(label: string, detail: string): void;
}

/**
 * Opens the feed while `enabled`, closes it otherwise (and on unmount). A change of settings reopens it
 * from the cursor reached so far, so the counters and the delivery check carry on.
 */
export function useLabFeed(
  technique: TechniqueId,
  lab: string,
  settings: FeedSettings,
  enabled: boolean,
  attempt = 0,
  lang: Locale = 'en',
): LabFeed {
  const words = widgetWords(lang).timeline;
  const model = useRef(new FeedModel()).current;
  const render = useBatchedRender(RENDER_BATCH_MS);

  useEffect(() => {
    if (!enabled) {
      model.state = 'idle';
      render();
      return;
    }
    const client = openFeed(technique, {
      channel: labChannel(lab),
      lab,
      after: model.after,
      epoch: model.epoch,
      ...trackedCallbacks(model, render, {
        event: (event, verdict) => {
          model.counters.latencyMs = Math.max(0, Date.now() - event.time);
          model.pushEvent(Date.now(), event.seq, verdict);
        },
        gap: (missed) =>
          model.push({
            kind: 'mark',
            at: Date.now(),
            label: 'gap',
            detail: words.gapDetail(missed),
          }),
        reset: () =>
          model.push({
            kind: 'mark',
            at: Date.now(),
            label: 'reset',
            detail: words.resetDetail,
          }),
      }),
      onReconnect: () => {
        model.counters.reconnects += 1;
        // EventSource and WebSocket retries are new HTTP requests (a GET, or a GET + Upgrade).
        if (holdsOneConnection(technique)) model.counters.requests += 1;
        render();
      },
      onWire: (activity) => {
        model.wire(activity);
        render();
      },
      intervalMs: settings.intervalMs,
      timeoutMs: settings.timeoutMs,
    });
    model.client = client;
    if (holdsOneConnection(technique)) model.counters.requests += 1;
    return () => {
      model.epoch = client.epoch ?? model.epoch;
      client.close();
      model.client = null;
      model.endOpenItems();
      model.state = 'idle';
      render();
    };
  }, [technique, lab, enabled, settings.intervalMs, settings.timeoutMs, attempt]);

  return {
    model,
    mark: (label, detail) => {
      model.push({ kind: 'mark', at: Date.now(), label, detail });
      render();
    },
  };
}
