// Every TCP socket of a client IP, not only its held streams: a client that opens hundreds of sockets
// and reads its answers a few bytes at a time (a slow read), or trickles a request body, holds memory and
// file descriptors whatever it asks for. Two limits, both at the socket:
//
//  - MAX_SOCKETS_PER_IP sockets per client IP at once, counted when the connection is accepted; past it
//    the new socket gets a 429 and is closed.
//  - SEND_STALL_MS: a socket whose oldest byte for the client has gone unacknowledged that long, in
//    Node's queue or in the kernel's send buffer (the client reads nothing, or next to nothing), is cut.
//    A quiet stream (an SSE stream or a WebSocket with nothing to send, a long-poll waiting) has nothing
//    waiting and is never cut by this: waiting is not stalling.
import type { Socket } from 'node:net';
import { ApiError, rawHttpError } from './errors.ts';
import { kernelSendQueues, peerKey } from './send-queues.ts';
import type { Metrics } from './metrics.ts';

export interface SocketLimits {
  readonly maxPerIp: number;
  readonly stallMs: number;
  /**
   * Behind a proxy every socket comes from the proxy's address, so a per-address count would limit
   * the proxy itself: with TRUST_PROXY the count is left to the proxy (the stall watchdog still runs).
   */
  readonly trustProxy: boolean;
}

interface Watched {
  readonly ip: string;
  /** The client's key in the kernel's table (send-queues.ts). */
  readonly peer: string | undefined;
  /**
   * (time, bytes written so far) at sweeps that saw new bytes, oldest first, from the first one the
   * client has not acknowledged: its first entry says since when the oldest waiting byte has waited.
   */
  readonly samples: [at: number, written: number][];
  /** Bytes the client was known to have acknowledged at the last reading of the kernel's table. */
  acked: number;
}

/** How long a refused socket may take to read its 429 and close before it is destroyed. */
const REFUSED_LINGER_MS = 2000;
/** How long it stays open once the kernel has taken its 429, for the request bytes still on their way. */
const REFUSED_AFTER_ANSWER_MS = 250;

export class SocketGuard {
  private readonly limits: SocketLimits;
  private readonly metrics: Metrics;
  private readonly perIp = new Map<string, number>();
  private readonly watched = new Map<Socket, Watched>();
  private readonly refused = new WeakSet<Socket>();
  /** Refused sockets per IP whose 429 is still on its way. */
  private readonly lingering = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;
  private sweeping = false;
  private port = 0;

  constructor(limits: SocketLimits, metrics: Metrics) {
    this.limits = limits;
    this.metrics = metrics;
    // A quarter of the stall time, between 250 ms and 5 s: a stall is seen within SEND_STALL_MS and a
    // quarter of it, and at the defaults the kernel's table is read once every 5 s.
    const every = Math.min(5000, Math.max(250, limits.stallMs / 4));
    this.sweeper = setInterval(() => void this.sweep(), every);
    this.sweeper.unref();
  }

  /** The port the server listens on: its connections are the table's rows with that local port. */
  listening(port: number): void {
    this.port = port;
  }

  /**
   * A socket the server just accepted: counted for its IP until it closes. Over the limit it gets a 429
   * and is closed; false then, and the server must not answer anything it reads (`isRefused`).
   */
  admit(socket: Socket): boolean {
    const ip = socket.remoteAddress ?? 'unknown';
    const open = this.perIp.get(ip) ?? 0;
    if (!this.limits.trustProxy && open >= this.limits.maxPerIp) {
      this.refuse(socket, ip);
      return false;
    }
    this.perIp.set(ip, open + 1);
    const peer =
      socket.remoteAddress && socket.remotePort ? peerKey(socket.remoteAddress, socket.remotePort) : undefined;
    this.watched.set(socket, { ip, peer, samples: [[Date.now(), 0]], acked: 0 });
    socket.once('close', this.forget);
    return true;
  }

  /**
   * One 'close' listener for every socket (Node calls it with the socket as `this`), not a closure per
   * socket: `npm run bench` (capacity, heap snapshots) counted each closure and its context on every
   * held connection.
   */
  private readonly forget = ((guard: SocketGuard) =>
    function forget(this: Socket) {
      const watched = guard.watched.get(this);
      if (!watched) return;
      guard.watched.delete(this);
      const left = (guard.perIp.get(watched.ip) ?? 1) - 1;
      if (left > 0) guard.perIp.set(watched.ip, left);
      else guard.perIp.delete(watched.ip);
    })(this);

  /** A socket refused at accept time: whatever request arrives on it is not answered again. */
  isRefused(socket: Socket): boolean {
    return this.refused.has(socket);
  }

  /** Sockets open now from this IP. */
  count(ip: string): number {
    return this.perIp.get(ip) ?? 0;
  }

  private refuse(socket: Socket, ip: string): void {
    this.refused.add(socket);
    this.metrics.rejections.inc({ reason: 'too_many_connections' });
    // Refused sockets on their way out are bounded too: past as many again, a new one is just closed.
    const lingering = this.lingering.get(ip) ?? 0;
    if (lingering >= this.limits.maxPerIp) {
      socket.destroy();
      return;
    }
    this.lingering.set(ip, lingering + 1);
    // The answer goes out at once; what the client sends meanwhile is read and thrown away (Node's parser
    // reads it, and the server leaves it unanswered), so the 429 is not lost to a reset. The socket is
    // closed a moment after the kernel has taken the answer, or after REFUSED_LINGER_MS in any case.
    const refusal = new ApiError(
      'too_many_connections',
      `Your address has ${this.limits.maxPerIp} connections open to this server (MAX_SOCKETS_PER_IP); close some and retry.`,
      { 'Retry-After': '5' },
    );
    const linger = setTimeout(() => socket.destroy(), REFUSED_LINGER_MS);
    linger.unref();
    socket.end(rawHttpError(refusal), () => {
      clearTimeout(linger);
      setTimeout(() => socket.destroy(), REFUSED_AFTER_ANSWER_MS).unref();
    });
    socket.once('close', () => {
      clearTimeout(linger);
      const left = (this.lingering.get(ip) ?? 1) - 1;
      if (left > 0) this.lingering.set(ip, left);
      else this.lingering.delete(ip);
    });
  }

  /**
   * Cuts every socket whose oldest byte not yet acknowledged by its client was written SEND_STALL_MS
   * ago or more. A byte waits in Node's own queue or in the kernel's send buffer; a client that reads
   * nothing, or a few bytes a second (a slow read), leaves it there; a quiet stream has none waiting.
   */
  private async sweep(): Promise<void> {
    if (this.sweeping || this.watched.size === 0) return;
    this.sweeping = true;
    try {
      // The kernel's table lists every TCP socket of the machine, and producing it costs the kernel
      // about 2 µs of CPU per line (measured: 100 ms for 43 000 lines, most of them other processes'
      // TIME_WAIT sockets), taken from the server's core every sweep. A byte written less than
      // SEND_STALL_MS ago cannot have stalled yet, so the table is read only when some socket has a byte
      // not known to be acknowledged that is older than that; until then the sweep only notes the bytes.
      let now = Date.now();
      let due = false;
      for (const [socket, w] of this.watched) {
        if (socket.destroyed) continue;
        const last = w.samples[w.samples.length - 1];
        if (!last || socket.bytesWritten > last[1]) w.samples.push([now, socket.bytesWritten]);
        const oldest = w.samples.find(([, written]) => written > w.acked);
        if (oldest && now - oldest[0] >= this.limits.stallMs) due = true;
      }
      if (!due) return;
      const kernel = this.port ? await kernelSendQueues(this.port) : undefined;
      now = Date.now();
      for (const [socket, w] of this.watched) {
        if (socket.destroyed) continue;
        const written = socket.bytesWritten;
        const taken = written - socket.writableLength; // handed to the kernel
        const inKernel = w.peer === undefined ? undefined : kernel?.get(w.peer);
        const acked = taken - (inKernel ?? 0);
        w.acked = Math.max(w.acked, acked);
        if (acked >= written) {
          w.samples.splice(0, w.samples.length, [now, written]);
          continue;
        }
        const last = w.samples[w.samples.length - 1];
        if (!last || written > last[1]) w.samples.push([now, written]);
        while (w.samples.length > 1 && w.samples[0]![1] <= acked) w.samples.shift();
        const oldest = w.samples[0]!;
        if (oldest[1] <= acked) continue; // (only when one sample is left and it is acknowledged)
        if (now - oldest[0] >= this.limits.stallMs) {
          // Bytes waiting and the oldest of them unread for SEND_STALL_MS: the client does not read. It
          // is dropped like any slow consumer (a stream's client resumes from its cursor).
          this.metrics.rejections.inc({ reason: 'slow_consumer' });
          socket.destroy();
        }
      }
    } finally {
      this.sweeping = false;
    }
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
