// Prometheus metrics (prom-client). Every series a dashboard or the contract check looks for exists from
// the first scrape at 0, so "no line" never has to be told apart from "nothing happened yet".
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { ERROR_CODE_IDS, type ErrorCode } from '../protocol/errors.ts';
import { TECHNIQUE_IDS } from '../protocol/techniques.ts';

/** Rejections are counted by the contract's error codes. */
export const REJECTION_REASONS = ERROR_CODE_IDS;
export type RejectionReason = ErrorCode;

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
  /** Functions that refresh gauges computed from live state, run before every scrape. */
  readonly beforeScrape: (() => void)[];
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const beforeScrape: (() => void)[] = [];
  const m: Metrics = {
    beforeScrape,
    registry,
    openConnections: new Gauge({
      name: 'realtime_open_connections',
      help: 'Held connections open now, per technique (SSE streams, WebSockets, waiting long-polls).',
      labelNames: ['technique'],
      registers: [registry],
    }),
    requests: new Counter({
      name: 'realtime_requests_total',
      help: 'Requests served (or connections accepted), per technique.',
      labelNames: ['technique'],
      registers: [registry],
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
    }),
    bytesWritten: new Counter({
      name: 'realtime_bytes_written_total',
      help: 'Response body / message bytes written to clients, per technique (HTTP headers and WebSocket framing not included).',
      labelNames: ['technique'],
      registers: [registry],
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
