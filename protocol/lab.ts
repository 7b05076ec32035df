// The lab API's shapes (docs/api-contract.md, "The lab API"): a widget tags its own connections with a
// random lab id, reads what they carried, and breaks them on purpose.
import type { TechniqueId } from './techniques.ts';

/** 128 random bits as hex: unguessable, so knowing the id is what entitles a page to its capture. */
export const LAB_ID = /^[0-9a-f]{32}$/;
/** The learner's private channel: the only one a lab may reset. `lab-` + 32 hex fits the 64-char rule. */
export const labChannel = (id: string) => `lab-${id}`;

/** up: browser to server; down: server to browser. */
export type Direction = 'up' | 'down';

export interface ByteCounts {
  /** HTTP request and response heads, the WebSocket handshake included. */
  header: number;
  /** Bytes that only delimit messages: chunked-coding lines, WebSocket frame headers and masking keys. */
  framing: number;
  /** What the application reads: bodies, event-stream text, WebSocket payloads. */
  payload: number;
}

interface EntryBase {
  /** Position in this lab's capture; `?after=n` asks for the entries after it. */
  n: number;
  /** Server clock, epoch ms. */
  at: number;
  /** Connection number within this lab: two requests with one number shared a keep-alive socket. */
  conn: number;
  technique: TechniqueId;
}

export type WireEntry = EntryBase &
  (
    | { kind: 'http-head'; dir: Direction; text: string; bytes: number }
    | {
        kind: 'http-body';
        dir: Direction;
        text: string;
        payloadBytes: number;
        framingBytes: number;
        truncated: boolean;
      }
    | {
        kind: 'ws-frame';
        dir: Direction;
        fin: boolean;
        rsv: readonly boolean[];
        opcode: number;
        opcodeName: string;
        masked: boolean;
        maskingKey: string | null;
        payloadLength: number;
        headerBytes: number;
        /** UTF-8 text for text and close frames, hex for the rest. */
        payload: string;
        payloadEncoding: 'utf8' | 'hex';
        truncated: boolean;
      }
    | { kind: 'note'; text: string }
  );

/** `GET /api/lab/:id/wire?after=N`. */
export interface WirePage {
  entries: WireEntry[];
  next: number;
  dropped: number;
}

export interface ConnectionStats {
  id: number;
  technique: TechniqueId;
  /** HTTP requests this connection carried (1 for a stream or a WebSocket). */
  requests: number;
  /** The TCP connection is still open. */
  open: boolean;
  openedAt: number;
  closedAt: number | null;
  up: ByteCounts;
  down: ByteCounts;
}

/**
 * What one technique cost over every connection that carried its requests. Kept apart from the
 * per-connection counts because browsers share keep-alive connections between techniques (a poll may
 * reuse the socket a long-poll answer just freed), and because trimmed connections stay counted here.
 */
export interface TechniqueStats {
  /** HTTP requests of this technique (a stream, or a WebSocket upgrade, is one). */
  requests: number;
  /** Distinct TCP connections that carried at least one of its requests. */
  connections: number;
  up: ByteCounts;
  down: ByteCounts;
}

/** `GET /api/lab/:id/connections`. */
export interface LabConnections {
  channel: string;
  live: number;
  peakLive: number;
  connections: ConnectionStats[];
  totals: Record<Direction, ByteCounts>;
  byTechnique: Partial<Record<TechniqueId, TechniqueStats>>;
}

/** `POST /api/lab/:id/cut`. */
export interface CutAnswer {
  dropped: number;
  armed: boolean;
}

/** `POST /api/lab/:id/restart`. */
export interface RestartAnswer {
  channel: string;
  epoch: string;
  dropped: number;
}

/** `POST /api/lab/:id/gap`. */
export interface GapAnswer {
  channel: string;
  published: number;
  retention: number;
  dropped: number;
}

export interface RaceSettings {
  /** Events per second. */
  rate: number;
  /** Size of each event's `data` serialized as JSON, in bytes: what the application wanted to send. */
  payloadBytes: number;
  durationMs: number;
}

export const RACE_BOUNDS = {
  rate: { min: 0.1, max: 50, unit: 'events per second' },
  // 16 KiB: a WebSocket message of this server's maximum size still fits around it.
  payloadBytes: { min: 2, max: 16_384, unit: 'bytes' },
  durationMs: { min: 1000, max: 60_000, unit: 'ms' },
} as const;

/** `POST /api/lab/:id/race` (201): where its events begin, and when (server clock). */
export interface RaceStart {
  channel: string;
  epoch: string;
  after: number;
  startsAt: number;
  endsAt: number;
  planned: number;
  settings: RaceSettings;
}

/** A run of consecutive seqs the race published under one epoch (a restart starts another). */
export interface RaceSegment {
  epoch: string;
  first: number;
  last: number;
}

/** `GET /api/lab/:id/race/status` and `POST /api/lab/:id/race/stop`. */
export interface RaceStatus {
  running: boolean;
  settings: RaceSettings;
  /** Server clock, epoch ms: the first event's due time and the end of the race. */
  startsAt: number;
  endsAt: number;
  planned: number;
  published: number;
  /** Publishes the store refused (an outage): never published, so no client can be missing them. */
  failed: number;
  segments: RaceSegment[];
}

/**
 * `POST /api/lab/:id/exercise` (201): starts a grading run on this lab. From then on the lab claims its
 * channel (every connection to `lab-<id>` is this lab's, with `?lab=` or without), the tick stays quiet
 * for the run, and the lab's requests are logged for `GET /api/lab/:id/requests`.
 */
export interface ExerciseStart {
  channel: string;
  epoch: string;
  head: number;
  /** Server clock, epoch ms: the tick stays quiet until then (or a later publish). */
  quietUntil: number;
}

/** `POST /api/lab/:id/publish` body: the server appends `count` events itself, after a cut if asked. */
export interface PublishPlan {
  count: number;
  /** Cut the lab's connections first, so that the events are published while the client is down. */
  cut?: boolean;
}

export const PUBLISH_PLAN_MAX = 2000;

/** `POST /api/lab/:id/publish` (201). */
export interface PublishPlanAnswer {
  channel: string;
  epoch: string;
  /** The seqs appended: `first`..`last` (first = last + 1 when count is 0). */
  first: number;
  last: number;
  dropped: number;
}

/** `POST /api/lab/:id/refuse` body: the lab's next requests are answered with an error on purpose. */
export interface RefusePlan {
  status: 503 | 429;
  /** Seconds, sent as `Retry-After` (a 429 always has one; default 1). */
  retryAfter?: number;
  /** Refuse this many requests (default: every request until `durationMs` is over). */
  count?: number;
  /** Refuse for this long at most (default 10000). */
  durationMs?: number;
  /** Cut the lab's connections first, so that the client's reconnect meets the refusal. */
  cut?: boolean;
}

export const REFUSE_BOUNDS = {
  retryAfter: { min: 0, max: 60, unit: 's' },
  count: { min: 1, max: 1000, unit: 'requests' },
  durationMs: { min: 100, max: 30_000, unit: 'ms' },
} as const;

/** One outage the lab staged, as `GET /api/lab/:id/requests` reports it. */
export interface OutageRecord {
  status: 503 | 429;
  retryAfter: number;
  /** Server clock, epoch ms: when it began, when it was planned to end at the latest, and when it ended. */
  from: number;
  until: number;
  endedAt: number | null;
  /** Requests refused by it. */
  refused: number;
}

/** One request of the lab (poll, long-poll, SSE, WebSocket upgrade) as the server saw it arrive. */
export interface RequestRecord {
  at: number;
  technique: TechniqueId;
  /** The status the lab answered on purpose, or null when the request went through. */
  refused: 503 | 429 | null;
}

/** `GET /api/lab/:id/requests`. */
export interface LabRequests {
  requests: RequestRecord[];
  /** Requests older than the kept ones, forgotten (at most 2000 are kept). */
  dropped: number;
  outages: OutageRecord[];
}

/** `POST /api/lab/:id/repeat`: the last event frame sent again on each of the lab's WebSockets. */
export interface RepeatAnswer {
  repeated: number;
}
