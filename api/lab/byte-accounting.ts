// The byte counts of one lab, as header, framing and payload both ways: per TCP connection (counters
// of a bounded number of connections: closed ones are forgotten first, then the oldest) and per
// technique (never forgotten, so what the race reports per technique survives the trimming).
import type { Duplex } from 'node:stream';
import type { ByteCounts, ConnectionStats, Direction, TechniqueStats } from '../../protocol/lab.ts';
import type { TechniqueId } from '../../protocol/techniques.ts';

const zero = (): ByteCounts => ({ header: 0, framing: 0, payload: 0 });

/** What `GET /api/lab/:id/connections` tells about bytes. */
export interface ByteReport {
  connections: ConnectionStats[];
  totals: Record<Direction, ByteCounts>;
  byTechnique: Partial<Record<TechniqueId, TechniqueStats>>;
}

export class ByteAccounting {
  private readonly connections = new Map<number, ConnectionStats>();
  private readonly socketIds = new WeakMap<Duplex, number>();
  private nextConnection = 1;
  private readonly byTechnique = new Map<TechniqueId, TechniqueStats>();
  /** The techniques each connection has carried, to count a shared keep-alive connection once per technique. */
  private readonly carried = new Map<number, Set<TechniqueId>>();
  private readonly maxConnections: number;
  private readonly now: () => number;
  private readonly onClose: (stats: ConnectionStats) => void;

  /** `onClose` is told when a counted connection's socket closes (after its counters say so). */
  constructor(maxConnections: number, now: () => number, onClose: (stats: ConnectionStats) => void) {
    this.maxConnections = maxConnections;
    this.now = now;
    this.onClose = onClose;
  }

  /** The counters of `socket`, numbering it (and watching it close) on first sight; one more request. */
  connection(socket: Duplex, technique: TechniqueId): ConnectionStats {
    let stats = this.of(socket);
    if (!stats) {
      const id = this.nextConnection++;
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
        this.onClose(closedStats);
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
    return stats;
  }

  /** The counters of `socket`, unless it was never numbered or its counters were forgotten. */
  of(socket: Duplex): ConnectionStats | undefined {
    const id = this.socketIds.get(socket);
    return id === undefined ? undefined : this.connections.get(id);
  }

  /**
   * Adds bytes to the connection and to the technique it carries now. HTTP/1.1 answers requests on a
   * connection one after another (browsers do not pipeline), so every byte counted between one request
   * and the next belongs to the technique of the request in progress.
   */
  count(stats: ConnectionStats, dir: Direction, add: Partial<ByteCounts>): void {
    for (const c of [stats[dir], this.techniqueStats(stats.technique)[dir]]) {
      c.header += add.header ?? 0;
      c.framing += add.framing ?? 0;
      c.payload += add.payload ?? 0;
    }
  }

  report(): ByteReport {
    const connections = [...this.connections.values()];
    const totals = { up: zero(), down: zero() };
    for (const c of connections) {
      for (const dir of ['up', 'down'] as const) {
        totals[dir].header += c[dir].header;
        totals[dir].framing += c[dir].framing;
        totals[dir].payload += c[dir].payload;
      }
    }
    return { connections, totals, byTechnique: Object.fromEntries(this.byTechnique) };
  }

  private techniqueStats(technique: TechniqueId): TechniqueStats {
    let t = this.byTechnique.get(technique);
    if (!t) {
      t = { requests: 0, connections: 0, up: zero(), down: zero() };
      this.byTechnique.set(technique, t);
    }
    return t;
  }

  private trimConnections(): void {
    for (const [id, c] of this.connections) {
      if (this.connections.size <= this.maxConnections) return;
      if (!c.open) this.forget(id);
    }
    // All open: the oldest go anyway (their sockets keep working, only the counters are forgotten).
    for (const id of this.connections.keys()) {
      if (this.connections.size <= this.maxConnections) return;
      this.forget(id);
    }
  }

  private forget(id: number): void {
    this.connections.delete(id);
    this.carried.delete(id);
  }
}
