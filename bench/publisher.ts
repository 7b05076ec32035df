// Publishes timestamped events from the orchestrator's process (never the server's): each event's data is
// {"t": <publisher clock, ms>, "p": <padding>}, and subscribers in the generator processes compute their
// latency against the same host clock.
import http from 'node:http';
import { channelPath } from '../protocol/routes.ts';
import { clock } from './loadgen/protocol.ts';

export class Publisher {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly url: URL;
  private readonly padding: string;
  failures = 0;

  constructor(base: string, channel: string, paddingBytes = 0) {
    this.url = new URL(channelPath(channel, 'events'), base);
    this.padding = 'x'.repeat(paddingBytes);
  }

  publish(): Promise<void> {
    const body = JSON.stringify({ data: { t: clock(), p: this.padding } });
    return new Promise((resolve) => {
      const req = http.request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          if (res.statusCode !== 201) this.failures++;
          res.resume();
          res.once('end', resolve);
        },
      );
      req.once('error', () => {
        this.failures++;
        resolve();
      });
      req.end(body);
    });
  }

  /**
   * Publishes at `perSec` for `durationMs`, each event at its own due time (not in bursts), with a bounded
   * number in flight so a server that falls behind is not buried. Returns how many were published.
   */
  async paced(perSec: number, durationMs: number): Promise<number> {
    const total = Math.max(1, Math.round((perSec * durationMs) / 1000));
    const start = performance.now();
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / perSec;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (inFlight.size >= 64) await Promise.race(inFlight);
      const p = this.publish().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    return total;
  }

  close(): void {
    this.agent.destroy();
  }
}
