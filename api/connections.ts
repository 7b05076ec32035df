// The registry of held connections (SSE streams, WebSockets, waiting long-polls): it enforces the
// per-IP limit, keeps the open-connections gauge honest, and lets shutdown end every one of them.
import { TECHNIQUES, type TechniqueId } from '../protocol/techniques.ts';
import type { Metrics } from './metrics.ts';

export interface HeldConnection {
  readonly technique: TechniqueId;
  readonly ip: string;
  /** Ends the connection the way its technique should end on shutdown (1001, end of stream, an answer). */
  readonly endForShutdown: () => void;
  /** Bytes queued for this client and not yet taken by the kernel (streams only). */
  readonly unsentBytes?: () => number;
}

export class ConnectionRegistry {
  private readonly open = new Set<HeldConnection>();
  private readonly perIp = new Map<string, number>();
  /**
   * Held now, per technique: the open-connections gauge reads it at scrape time. prom-client's inc() and
   * dec() hash the label set on every call, and a long-poll answered at once takes and gives back a
   * lease per request: `node --cpu-prof` under wrk put the two at about 2 % of the server's CPU there.
   */
  private readonly held = new Map<TechniqueId, number>(TECHNIQUES.map((t) => [t.id, 0]));
  private readonly maxPerIp: number;
  private readonly metrics: Metrics;

  constructor(maxPerIp: number, metrics: Metrics) {
    this.maxPerIp = maxPerIp;
    this.metrics = metrics;
    metrics.beforeScrape.push(() => this.report());
  }

  private report(): void {
    for (const [technique, n] of this.held) this.metrics.openConnections.set({ technique }, n);
    const sums = new Map<TechniqueId, number>(TECHNIQUES.map((t) => [t.id, 0]));
    for (const c of this.open) if (c.unsentBytes) sums.set(c.technique, (sums.get(c.technique) ?? 0) + c.unsentBytes());
    for (const [technique, bytes] of sums) this.metrics.unsentBytes.set({ technique }, bytes);
  }

  /**
   * Holds `conn` for its IP; false when the IP already holds its maximum. The connection itself is the
   * handle `release` takes: `npm run bench` (capacity, heap snapshots of 3 000 WebSockets) counted a
   * lease object, its closure and that closure's context, about 170 bytes, on every held connection.
   */
  tryHold(conn: HeldConnection): boolean {
    const held = this.perIp.get(conn.ip) ?? 0;
    if (held >= this.maxPerIp) return false;
    this.perIp.set(conn.ip, held + 1);
    this.open.add(conn);
    this.held.set(conn.technique, (this.held.get(conn.technique) ?? 0) + 1);
    return true;
  }

  /** Idempotent: a connection can end for several reasons at once (close event, error, shutdown). */
  release(conn: HeldConnection): void {
    if (!this.open.delete(conn)) return;
    const left = (this.perIp.get(conn.ip) ?? 1) - 1;
    if (left > 0) this.perIp.set(conn.ip, left);
    else this.perIp.delete(conn.ip);
    this.held.set(conn.technique, (this.held.get(conn.technique) ?? 1) - 1);
  }

  /** Would a new connection from this IP be accepted right now? (checked before a WebSocket upgrade) */
  hasRoom(ip: string): boolean {
    return (this.perIp.get(ip) ?? 0) < this.maxPerIp;
  }

  count(technique?: TechniqueId): number {
    if (!technique) return this.open.size;
    let n = 0;
    for (const c of this.open) if (c.technique === technique) n++;
    return n;
  }

  endAll(): void {
    for (const conn of [...this.open]) {
      try {
        conn.endForShutdown();
      } catch {
        // one broken socket must not keep the others open during shutdown
      }
    }
  }
}
