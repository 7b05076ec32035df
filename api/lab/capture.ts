// What the server keeps about one learner's own connections (a "lab", named by a random 128-bit id the
// widget makes): the bytes they carried, counted as header, framing and payload per connection, and
// the sockets themselves so that the learner can cut them. Bounded per lab and in number of labs.
import type { Duplex } from 'node:stream';
import type { ByteCounts, ConnectionStats, Direction, TechniqueStats, WireEntry } from '../../protocol/lab.ts';
import type { TechniqueId } from '../../protocol/techniques.ts';

type NewEntry = WireEntry extends infer E ? (E extends WireEntry ? Omit<E, 'n' | 'at'> : never) : never;

/** A publisher that owns the lab's channel for a while (the race): the tick stays quiet meanwhile. */
export interface LabPublisher {
  /** True while the tick must not publish on the lab's channel. */
  readonly quietsTicker: boolean;
  stop(): void;
}

export interface LabLimits {
  /** Stored text per lab; older entries go first (their bytes stay counted). */
  captureBytes: number;
  /** Entries per lab at most, whatever their size. */
  maxEntries: number;
  /** Connections whose counters are kept per lab. */
  maxConnections: number;
}

/** An armed cut drops the lab's next connection only if that comes soon: a stale click must not linger. */
const ARMED_FOR_MS = 10_000;
/**
 * After a cut, the lab's connections are refused this long too. Chromium resends a GET by itself, at
 * once and once, when a reused keep-alive connection closes before any answer (HttpNetworkTransaction::
 * ShouldResendRequest): without this the page's own code would never see the cut. The clients' own
 * retries wait at least 500 ms, so they come after it.
 */
const RESEND_WINDOW_MS = 300;
const ENTRY_OVERHEAD = 160;
const zero = (): ByteCounts => ({ header: 0, framing: 0, payload: 0 });

export class LabCapture {
  readonly id: string;
  lastUsed: number;
  /** Set when the registry drops this lab: taps still attached stop recording. */
  closed = false;
  peakLive = 0;
  private entries: WireEntry[] = [];
  private storedBytes = 0;
  private nextEntry = 1;
  private droppedEntries = 0;
  private readonly connections = new Map<number, ConnectionStats>();
  private readonly socketIds = new WeakMap<Duplex, number>();
  private nextConnection = 1;
  private readonly live = new Set<Duplex>();
  /** Until when an armed cut waits for this lab's next connection; null when none is armed. */
  private armedUntil: number | null = null;
  private refuseUntil = 0;
  private ticks = 0;
  private readonly byTechnique = new Map<TechniqueId, TechniqueStats>();
  /** The techniques each connection has carried, to count a shared keep-alive connection once per technique. */
  private readonly carried = new Map<number, Set<TechniqueId>>();
  /** Publishes on this lab's channel in place of the tick while set (api/lab/race.ts). */
  publisher: LabPublisher | null = null;
  private readonly limits: LabLimits;
  private readonly now: () => number;

  constructor(id: string, limits: LabLimits, now: () => number) {
    this.id = id;
    this.limits = limits;
    this.now = now;
    this.lastUsed = now();
  }

  /** The connection number of `socket` in this lab, numbering it (and watching it close) on first sight. */
  connection(socket: Duplex, technique: TechniqueId): ConnectionStats {
    let id = this.socketIds.get(socket);
    let stats = id === undefined ? undefined : this.connections.get(id);
    if (!stats) {
      id = this.nextConnection++;
      this.socketIds.set(socket, id);
      stats = {
        id,
        technique,
        requests: 0,
        open: true,
        openedAt: this.now(),
        closedAt: null,
        up: zero(),
        down: zero(),
      };
      this.connections.set(id, stats);
      this.trimConnections();
      const closedStats = stats;
      socket.once('close', () => {
        closedStats.open = false;
        closedStats.closedAt = this.now();
        this.record({
          kind: 'note',
          conn: closedStats.id,
          technique: closedStats.technique,
          text: 'TCP connection closed',
        });
      });
    }
    stats.technique = technique;
    stats.requests++;
    const perTechnique = this.techniqueStats(technique);
    perTechnique.requests++;
    const carried = this.carried.get(stats.id) ?? new Set<TechniqueId>();
    if (!carried.has(technique)) {
      carried.add(technique);
      perTechnique.connections++;
    }
    this.carried.set(stats.id, carried);
    this.lastUsed = this.now();
    return stats;
  }

  private techniqueStats(technique: TechniqueId): TechniqueStats {
    let t = this.byTechnique.get(technique);
    if (!t) {
      t = { requests: 0, connections: 0, up: zero(), down: zero() };
      this.byTechnique.set(technique, t);
    }
    return t;
  }

  /**
   * Adds bytes to the connection and to the technique it carries now. HTTP/1.1 answers requests on a
   * connection one after another (browsers do not pipeline), so every byte counted between one request
   * and the next belongs to the technique of the request in progress.
   */
  count(stats: ConnectionStats, dir: Direction, add: Partial<ByteCounts>): void {
    if (this.closed) return;
    for (const c of [stats[dir], this.techniqueStats(stats.technique)[dir]]) {
      c.header += add.header ?? 0;
      c.framing += add.framing ?? 0;
      c.payload += add.payload ?? 0;
    }
  }

  record(entry: NewEntry): void {
    if (this.closed) return;
    const full = { ...entry, n: this.nextEntry++, at: this.now() } as WireEntry;
    this.entries.push(full);
    this.storedBytes += sizeOf(full);
    while (
      this.entries.length > 1 &&
      (this.storedBytes > this.limits.captureBytes || this.entries.length > this.limits.maxEntries)
    ) {
      this.storedBytes -= sizeOf(this.entries.shift()!);
      this.droppedEntries++;
    }
  }

  /** Marks `socket` as carrying this lab's request or WebSocket now; returns the release. */
  hold(socket: Duplex): () => void {
    this.live.add(socket);
    this.peakLive = Math.max(this.peakLive, this.live.size);
    return () => {
      this.live.delete(socket);
      this.lastUsed = this.now();
    };
  }

  get liveCount(): number {
    return this.live.size;
  }

  /**
   * Drops every connection of this lab that carries something now, the way a network failure would:
   * the TCP connection goes away without a goodbye. With nothing in flight (short polling between two
   * requests), the next request within a few seconds is dropped instead.
   */
  cut(): { dropped: number; armed: boolean } {
    const sockets = [...this.live];
    for (const socket of sockets) {
      const id = this.socketIds.get(socket);
      const stats = id === undefined ? undefined : this.connections.get(id);
      if (stats)
        this.record({
          kind: 'note',
          conn: stats.id,
          technique: stats.technique,
          text: 'cut by the server (fault injection)',
        });
      socket.destroy();
    }
    this.live.clear();
    const armed = sockets.length === 0;
    this.armedUntil = armed ? this.now() + ARMED_FOR_MS : null;
    if (!armed) this.refuseUntil = this.now() + RESEND_WINDOW_MS;
    return { dropped: sockets.length, armed };
  }

  /**
   * Whether the connection being opened must be dropped: the one an armed cut waits for, or a browser's
   * own resend right after a cut. Null to let it through.
   */
  takeCut(): 'armed' | 'resend' | null {
    const now = this.now();
    if (now < this.refuseUntil) return 'resend';
    const armed = this.armedUntil !== null && this.armedUntil >= now;
    this.armedUntil = null;
    if (!armed) return null;
    this.refuseUntil = now + RESEND_WINDOW_MS;
    return 'armed';
  }

  /** The registry let go of this lab: taps still attached stop recording, and its publisher stops. */
  drop(): void {
    this.closed = true;
    this.publisher?.stop();
    this.publisher = null;
  }

  nextTick(): number {
    return ++this.ticks;
  }

  wire(after: number): { entries: WireEntry[]; next: number; dropped: number } {
    const entries = this.entries.filter((e) => e.n > after);
    return { entries, next: this.nextEntry - 1, dropped: this.droppedEntries };
  }

  stats(): {
    live: number;
    peakLive: number;
    connections: ConnectionStats[];
    totals: Record<Direction, ByteCounts>;
    byTechnique: Partial<Record<TechniqueId, TechniqueStats>>;
  } {
    const connections = [...this.connections.values()];
    const totals = { up: zero(), down: zero() };
    for (const c of connections) {
      for (const dir of ['up', 'down'] as const) {
        totals[dir].header += c[dir].header;
        totals[dir].framing += c[dir].framing;
        totals[dir].payload += c[dir].payload;
      }
    }
    return {
      live: this.live.size,
      peakLive: this.peakLive,
      connections,
      totals,
      byTechnique: Object.fromEntries(this.byTechnique),
    };
  }

  private trimConnections(): void {
    for (const [id, c] of this.connections) {
      if (this.connections.size <= this.limits.maxConnections) return;
      if (!c.open) this.forget(id);
    }
    // All open: the oldest go anyway (their sockets keep working, only the counters are forgotten).
    for (const id of this.connections.keys()) {
      if (this.connections.size <= this.limits.maxConnections) return;
      this.forget(id);
    }
  }

  private forget(id: number): void {
    this.connections.delete(id);
    this.carried.delete(id);
  }
}

function sizeOf(entry: WireEntry): number {
  return ENTRY_OVERHEAD + ('text' in entry ? entry.text.length : 0) + ('payload' in entry ? entry.payload.length : 0);
}

export interface LabRegistryOptions extends LabLimits {
  /** Labs held at most; the least recently used goes first. */
  maxLabs: number;
  /** A lab with nothing live and untouched for this long is dropped. */
  idleMs: number;
  now?: () => number;
}

export class LabRegistry {
  // Insertion order is use order: a Map re-inserted on use keeps the least recently used first.
  private readonly labs = new Map<string, LabCapture>();
  private readonly opts: LabRegistryOptions;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(opts: LabRegistryOptions) {
    this.opts = opts;
    this.now = opts.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweepIdle(), Math.min(opts.idleMs, 60_000));
    this.sweeper.unref();
  }

  get(id: string): LabCapture | undefined {
    return this.labs.get(id);
  }

  /** The lab for `id`, created on first use. Memory stays bounded however many ids clients invent. */
  open(id: string): LabCapture {
    let lab = this.labs.get(id);
    if (lab) this.labs.delete(id);
    else lab = new LabCapture(id, this.opts, this.now);
    lab.lastUsed = this.now();
    this.labs.set(id, lab);
    for (const [oldId, old] of this.labs) {
      if (this.labs.size <= this.opts.maxLabs) break;
      old.drop();
      this.labs.delete(oldId);
    }
    return lab;
  }

  /** Labs with a live connection, or used within `windowMs`: the ones whose private channel ticks. */
  active(windowMs: number): LabCapture[] {
    const since = this.now() - windowMs;
    return [...this.labs.values()].filter((lab) => lab.liveCount > 0 || lab.lastUsed >= since);
  }

  /** Every lab held now (at most maxLabs). */
  all(): LabCapture[] {
    return [...this.labs.values()];
  }

  sweepIdle(): number {
    const cutoff = this.now() - this.opts.idleMs;
    let dropped = 0;
    for (const [id, lab] of this.labs) {
      if (lab.liveCount === 0 && lab.lastUsed < cutoff) {
        lab.drop();
        this.labs.delete(id);
        dropped++;
      }
    }
    return dropped;
  }

  size(): number {
    return this.labs.size;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const lab of this.labs.values()) lab.drop();
    this.labs.clear();
  }
}
