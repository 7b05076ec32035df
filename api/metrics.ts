// Prometheus metrics (prom-client). Every series a dashboard or the contract check looks for exists from
// the first scrape at 0, so "no line" never has to be told apart from "nothing happened yet".
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { ERROR_CODE_IDS, type ErrorCode } from '../protocol/errors.ts';
import { TECHNIQUE_IDS, type TechniqueId } from '../protocol/techniques.ts';

/** Rejections are counted by the contract's error codes. */
export const REJECTION_REASONS = ERROR_CODE_IDS;
export type RejectionReason = ErrorCode;

/** One technique's share of a per-technique counter, counted on the hot path (techniqueMeters). */
export interface Tally {
  inc(value?: number): void;
}

/** The per-technique counters the transports count into on every request, delivery and write. */
export type TalliedCounter = 'requests' | 'delivered' | 'bytesWritten';

export interface Metrics {
  readonly registry: Registry;
  readonly openConnections: Gauge<'technique'>;
  readonly requests: Counter<'technique'>;
  readonly published: Counter<'via'>;
  readonly delivered: Counter<'technique'>;
  readonly bytesWritten: Counter<'technique'>;
  readonly rejections: Counter<'reason'>;
  /** Bytes accepted for sending but not yet handed to the kernel, per technique (slow clients show here). */
  readonly unsentBytes: Gauge<'technique'>;
  /** Functions that refresh gauges computed from live state (held connections, unsent bytes), run before every scrape. */
  readonly beforeScrape: (() => void)[];
  /**
   * A technique's tally of one of the hot counters. prom-client's inc() hashes and validates the label
   * set on every call, even on a child bound with labels(): `node --cpu-prof` under wrk (issue 15) put
   * it at 5.5 % of the server's CPU on an empty poll (three incs per answer), more than reading the log.
   * A tally adds to a plain number, handed to the counter when it is read (a scrape, or get()).
   */
  tally(counter: TalliedCounter, technique: TechniqueId): Tally;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const beforeScrape: (() => void)[] = [];
  const pending: Record<TalliedCounter, Map<TechniqueId, { n: number }>> = {
    requests: new Map(),
    delivered: new Map(),
    bytesWritten: new Map(),
  };
  /** Runs when prom-client reads the counter: what was tallied since the last read goes in now. */
  const flush = (name: TalliedCounter) =>
    function (this: Counter<'technique'>) {
      for (const [technique, p] of pending[name]) {
        if (p.n === 0) continue;
        this.inc({ technique }, p.n);
        p.n = 0;
      }
    };
  const m: Metrics = {
    beforeScrape,
    tally(counter, technique) {
      let p = pending[counter].get(technique);
      if (!p) pending[counter].set(technique, (p = { n: 0 }));
      const slot = p;
      return {
        inc: (value = 1) => {
          slot.n += value;
        },
      };
    },
    registry,
    openConnections: new Gauge({
      name: 'realtime_open_connections',
      help: 'Held connections open now, per technique (SSE streams, WebSockets, waiting long-polls).',
      labelNames: ['technique'],
      registers: [registry],
      // Counted by the connection registry (connections.ts) and set from its counts when read.
      collect() {
        for (const refresh of beforeScrape) refresh();
      },
    }),
    requests: new Counter({
      name: 'realtime_requests_total',
      help: 'Requests served (or connections accepted), per technique.',
      labelNames: ['technique'],
      registers: [registry],
      collect: flush('requests'),
    }),
    published: new Counter({
      name: 'realtime_events_published_total',
      help: 'Events appended to channel logs, by how they were published.',
      labelNames: ['via'],
      registers: [registry],
    }),
    delivered: new Counter({
      name: 'realtime_events_delivered_total',
      help: 'Events handed to clients, per technique.',
      labelNames: ['technique'],
      registers: [registry],
      collect: flush('delivered'),
    }),
    bytesWritten: new Counter({
      name: 'realtime_bytes_written_total',
      help: 'Response body / message bytes written to clients, per technique (HTTP headers and WebSocket framing not included).',
      labelNames: ['technique'],
      registers: [registry],
      collect: flush('bytesWritten'),
    }),
    rejections: new Counter({
      name: 'realtime_rejections_total',
      help: 'Requests, connections and messages refused or dropped, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    unsentBytes: new Gauge({
      name: 'realtime_unsent_bytes',
      help: 'Bytes queued in the server for clients that have not read them yet, per technique (bounded by SLOW_CLIENT_MAX_BUFFER_BYTES per connection).',
      labelNames: ['technique'],
      registers: [registry],
      collect() {
        for (const refresh of beforeScrape) refresh();
      },
    }),
  };
  for (const t of TECHNIQUE_IDS) {
    m.openConnections.set({ technique: t }, 0);
    m.requests.inc({ technique: t }, 0);
    m.delivered.inc({ technique: t }, 0);
    m.bytesWritten.inc({ technique: t }, 0);
    m.unsentBytes.set({ technique: t }, 0);
  }
  for (const via of ['http', 'websocket', 'ticker', 'lab']) m.published.inc({ via }, 0);
  for (const reason of REJECTION_REASONS) m.rejections.inc({ reason }, 0);
  return m;
}
