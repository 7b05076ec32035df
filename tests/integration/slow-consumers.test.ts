// Slow consumers: a client that stops reading while events flow must be dropped once its unsent buffer
// passes SLOW_CLIENT_MAX_BUFFER_BYTES, so the server's memory stays bounded (measured on a real server
// process through /metrics).
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, it } from 'node:test';
import WebSocket from 'ws';
import { request, sleep, waitFor } from '../helpers/clients.ts';
import { startChildServer, type ChildServer } from '../helpers/server.ts';

const LIMIT = 256 * 1024;
let S: ChildServer;
before(async () => {
  S = await startChildServer({
    SLOW_CLIENT_MAX_BUFFER_BYTES: String(LIMIT),
    PUBLISH_RATE_PER_SEC: '100000',
    PUBLISH_BURST: '100000',
  });
});
after(() => {
  S.kill('SIGKILL');
});

async function metric(name: string): Promise<number> {
  const text = (await request(S.base, '/metrics')).text;
  const m = new RegExp(`^${name.replace(/[{}"]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

/** Publishes `mb` megabytes of 4 KB events to a channel over one keep-alive connection. */
async function flood(channel: string, mb: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const body = JSON.stringify({ data: 'z'.repeat(4000) });
  const u = new URL(S.base);
  const n = Math.ceil((mb * 1024 * 1024) / 4000);
  for (let i = 0; i < n; i += 4) {
    await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<void>((resolve, reject) => {
            const req = http.request(
              {
                host: u.hostname,
                port: u.port,
                method: 'POST',
                path: `/api/channels/${channel}/events`,
                agent,
                headers: { 'content-type': 'application/json' },
              },
              (res) => {
                res.resume();
                res.on('end', () =>
                  res.statusCode === 201 ? resolve() : reject(new Error(`publish ${res.statusCode}`)),
                );
              },
            );
            req.on('error', reject);
            req.end(body);
          }),
      ),
    );
  }
  agent.destroy();
}

/** Samples a metric every 20 ms while `work` runs; returns the largest value seen. */
async function peakDuring(name: string, work: Promise<unknown>): Promise<number> {
  let peak = 0;
  let running = true;
  void work.finally(() => (running = false));
  while (running) {
    peak = Math.max(peak, await metric(name));
    await sleep(20);
  }
  await work;
  return Math.max(peak, await metric(name));
}

/** A client that stops reading: the kernel buffers fill, then the server's own send queue grows. */
interface Stalled {
  resume(): void;
  closed: () => boolean;
}

async function stalledWebSocket(channel: string): Promise<Stalled> {
  const ws = new WebSocket(`${S.base.replace('http', 'ws')}/api/channels/${channel}/ws`);
  await new Promise((r) => ws.once('open', r));
  let closed = false;
  ws.on('close', () => (closed = true));
  const socket = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  socket.pause();
  return { resume: () => socket.resume(), closed: () => closed };
}

async function stalledSse(channel: string): Promise<Stalled> {
  const u = new URL(S.base);
  let closed = false;
  const req = http.get({ host: u.hostname, port: u.port, path: `/api/channels/${channel}/sse`, agent: false });
  const res = await new Promise<http.IncomingMessage>((r) => req.once('response', r));
  res.on('close', () => (closed = true));
  res.on('error', () => (closed = true));
  res.pause();
  return { resume: () => res.resume(), closed: () => closed };
}

for (const [technique, stall] of [
  ['websocket', stalledWebSocket],
  ['sse', stalledSse],
] as const) {
  it(`a ${technique} client that stops reading is dropped, and what the server queues for it stays bounded`, {
    timeout: 90_000,
  }, async (t) => {
    const drops = await metric('realtime_rejections_total{reason="slow_consumer"}');
    const rss0 = await metric('process_resident_memory_bytes');
    const client = await stall(`slow-${technique}`);
    const gauge = `realtime_unsent_bytes{technique="${technique}"}`;
    const peak = await peakDuring(gauge, flood(`slow-${technique}`, 20));
    await waitFor(
      async () => (await metric('realtime_rejections_total{reason="slow_consumer"}')) > drops,
      5000,
      'the drop',
    );
    client.resume();
    await waitFor(() => client.closed(), 5000, 'the client to see its connection closed');
    const after = await metric(gauge);
    t.diagnostic(
      `20 MB published to a stalled ${technique} client: peak queued ${(peak / 1024).toFixed(0)} KiB (limit ${LIMIT / 1024} KiB), RSS ${(rss0 / 2 ** 20).toFixed(0)} → ${((await metric('process_resident_memory_bytes')) / 2 ** 20).toFixed(0)} MB`,
    );
    assert.ok(peak <= LIMIT + 64 * 1024, `peak queued ${peak} bytes`);
    assert.equal(after, 0, 'nothing stays queued once the client is dropped');
  });
}
