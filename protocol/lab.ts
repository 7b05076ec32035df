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
