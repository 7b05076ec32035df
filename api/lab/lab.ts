// One learner's lab, named by a random 128-bit id the widget makes: what the server keeps about that
// learner's own connections. Put together from parts that each do one job and do not know each other
// (the wire log, the byte counts, fault injection, the private channel); what crosses them is done
// here: a closed or cut connection is noted in the log, and a dropped lab stops recording.
import type { Duplex } from 'node:stream';
import type { ByteCounts, ConnectionStats, CutAnswer, Direction, WirePage } from '../../protocol/lab.ts';
import type { TechniqueId } from '../../protocol/techniques.ts';
import { ByteAccounting, type ByteReport } from './byte-accounting.ts';
import { type CutOnArrival, FaultInjection } from './faults.ts';
import { GradingRun } from './grading.ts';
import { LabChannel } from './lab-channel.ts';
import { type NewWireEntry, WireLog, type WireLogLimits } from './wire-log.ts';

export interface LabLimits extends WireLogLimits {
  /** Connections whose counters are kept per lab. */
  maxConnections: number;
}

/** `GET /api/lab/:id/connections`, but for the channel's name. */
export interface LabReport extends ByteReport {
  live: number;
  peakLive: number;
}

export class Lab {
  readonly id: string;
  lastUsed: number;
  /** Set when the registry drops this lab: taps still attached stop recording. */
  closed = false;
  /** The private channel lab-<id>: its tick and the publisher that may own it. */
  readonly channel: LabChannel;
  private readonly log: WireLog;
  private readonly bytes: ByteAccounting;
  private readonly faults: FaultInjection;
  private readonly now: () => number;
  /** The grading run, once `POST /api/lab/:id/exercise` started one: the lab then claims its channel. */
  grading: GradingRun | null = null;
  /** One per open WebSocket of this lab: sends its last event frame again (api/lab/tap.ts). */
  readonly repeaters = new Set<() => boolean>();
  /** Until when the lab's next WebSocket publish is let through and its connection then cut (its ack lost). */
  dropAckUntil = 0;

  constructor(id: string, limits: LabLimits, now: () => number) {
    this.id = id;
    this.now = now;
    this.lastUsed = now();
    this.log = new WireLog(limits, now);
    this.bytes = new ByteAccounting(limits.maxConnections, now, (stats) =>
      this.record({ kind: 'note', conn: stats.id, technique: stats.technique, text: 'TCP connection closed' }),
    );
    this.faults = new FaultInjection(now);
    this.channel = new LabChannel(id);
  }

  /** The connection number of `socket` in this lab, numbering it (and watching it close) on first sight. */
  connection(socket: Duplex, technique: TechniqueId): ConnectionStats {
    const stats = this.bytes.connection(socket, technique);
    this.lastUsed = this.now();
    return stats;
  }

  /** Adds bytes to the connection and to the technique it carries now (api/lab/byte-accounting.ts). */
  count(stats: ConnectionStats, dir: Direction, add: Partial<ByteCounts>): void {
    if (this.closed) return;
    this.bytes.count(stats, dir, add);
  }

  record(entry: NewWireEntry): void {
    if (this.closed) return;
    this.log.record(entry);
  }

  /** Marks `socket` as carrying this lab's request or WebSocket now; returns the release. */
  hold(socket: Duplex): () => void {
    const release = this.faults.hold(socket);
    return () => {
      release();
      this.lastUsed = this.now();
    };
  }

  get liveCount(): number {
    return this.faults.liveCount;
  }

  /** Drops every connection of this lab that carries something now, each noted; or arms a cut. */
  cut(): CutAnswer {
    return this.faults.cut((socket) => {
      const stats = this.bytes.of(socket);
      if (stats)
        this.record({
          kind: 'note',
          conn: stats.id,
          technique: stats.technique,
          text: 'cut by the server (fault injection)',
        });
    });
  }

  /** Whether the connection being opened must be dropped (api/lab/faults.ts); null to let it through. */
  takeCut(): CutOnArrival | null {
    return this.faults.takeCut();
  }

  /** Starts (or restarts) a grading run: the tick goes quiet, requests are logged, the channel is claimed. */
  startGrading(): GradingRun {
    this.grading?.stop();
    this.grading = new GradingRun(this.now);
    this.channel.stopPublisher();
    this.channel.publisher = this.grading;
    this.lastUsed = this.now();
    return this.grading;
  }

  /** Whether the publish frame being read now must lose its ack: true once per `POST …/drop-ack`. */
  takeDropAck(): boolean {
    if (this.now() > this.dropAckUntil) return false;
    this.dropAckUntil = 0;
    return true;
  }

  /** Sends the last event frame again on every open WebSocket of this lab; how many did. */
  repeatLastEvent(): number {
    let repeated = 0;
    for (const repeat of this.repeaters) if (repeat()) repeated++;
    return repeated;
  }

  /** The registry let go of this lab: taps still attached stop recording, and its publisher stops. */
  drop(): void {
    this.closed = true;
    this.channel.stopPublisher();
  }

  wire(after: number): WirePage {
    return this.log.page(after);
  }

  stats(): LabReport {
    const { connections, totals, byTechnique } = this.bytes.report();
    return { live: this.faults.liveCount, peakLive: this.faults.peakLive, connections, totals, byTechnique };
  }
}
