// What the bench orchestrator asks of a generator process, and what it answers (over the IPC channel).
import type { TechniqueId } from '../../protocol/techniques.ts';
import type { HistogramJson } from '../stats.ts';

export type Command =
  | { op: 'open'; technique: TechniqueId; base: string; channel: string; count: number }
  | { op: 'close-all' }
  | { op: 'status' }
  | { op: 'record-start' }
  | { op: 'record-stop' }
  | { op: 'received' }
  | {
      op: 'churn';
      /** One whose connection is persistent: churn opens a subscription's one connection and closes it. */
      technique: TechniqueId;
      base: string;
      channel: string;
      durationMs: number;
      concurrency: number;
    }
  | { op: 'wire'; technique: TechniqueId; base: string; channel: string; payloadBytes: number; events: number };

export interface OpenReply {
  opened: number;
  failed: number;
  firstError?: string;
}
export interface StatusReply {
  open: number;
  drops: number;
  dropReasons: string[];
}
export interface RecordReply {
  received: number;
  lastReceiptAt: number;
  latency: HistogramJson;
}
export interface ChurnReply {
  completed: number;
  failed: number;
  firstError?: string;
  elapsedMs: number;
  connectLatency: HistogramJson;
}

/** How one delivered event's bytes add up, predicted from what was received; `measured` is the kernel's count. */
export interface WireReply {
  measured: number;
  expected: number;
  parts: { request: number; responseHead: number; framing: number; envelope: number; payload: number };
  sample: string;
}

export interface Request {
  id: number;
  command: Command;
}
export interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** A wall-clock time with sub-millisecond precision that every process on the host reads alike. */
export const clock = () => performance.timeOrigin + performance.now();
