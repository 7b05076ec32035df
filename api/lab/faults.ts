// Fault injection for one lab: the sockets that carry its requests and WebSockets now, and cutting them
// the way a network failure would. A cut with nothing in flight is armed for the lab's next connection;
// after a cut, the browser's own resend of what was cut is refused too.
import type { Duplex } from 'node:stream';
import type { CutAnswer } from '../../protocol/lab.ts';

/** An armed cut drops the lab's next connection only if that comes soon: a stale click must not linger. */
const ARMED_FOR_MS = 10_000;
/**
 * After a cut, the lab's connections are refused this long too. Chromium resends a GET by itself, at
 * once and once, when a reused keep-alive connection closes before any answer (HttpNetworkTransaction::
 * ShouldResendRequest): without this the page's own code would never see the cut. The clients' own
 * retries wait at least 500 ms, so they come after it.
 */
const RESEND_WINDOW_MS = 300;

/** Why a connection being opened is dropped: an armed cut waited for it, or it is a browser's resend. */
export type CutOnArrival = 'armed' | 'resend';

export class FaultInjection {
  private readonly live = new Set<Duplex>();
  private peak = 0;
  /** Until when an armed cut waits for this lab's next connection; null when none is armed. */
  private armedUntil: number | null = null;
  private refuseUntil = 0;
  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Marks `socket` as carrying this lab's request or WebSocket now; returns the release. */
  hold(socket: Duplex): () => void {
    this.live.add(socket);
    this.peak = Math.max(this.peak, this.live.size);
    return () => {
      this.live.delete(socket);
    };
  }

  get liveCount(): number {
    return this.live.size;
  }

  /** The most sockets held at once so far. */
  get peakLive(): number {
    return this.peak;
  }

  /**
   * Drops every socket held now, the way a network failure would: the TCP connection goes away without
   * a goodbye (`beforeDrop` is called with each one first). With nothing in flight (short polling
   * between two requests), the next connection within a few seconds is dropped instead.
   */
  cut(beforeDrop: (socket: Duplex) => void): CutAnswer {
    const sockets = [...this.live];
    for (const socket of sockets) {
      beforeDrop(socket);
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
  takeCut(): CutOnArrival | null {
    const now = this.now();
    if (now < this.refuseUntil) return 'resend';
    const armed = this.armedUntil !== null && this.armedUntil >= now;
    this.armedUntil = null;
    if (!armed) return null;
    this.refuseUntil = now + RESEND_WINDOW_MS;
    return 'armed';
  }
}
