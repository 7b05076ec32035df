// Fan-out benchmark for scaling out: the same load against one instance on the in-memory store, one
// instance on Redis, and two instances sharing one Redis (subscribers split evenly, every event
// published on the first instance), for each number of connections in SUBSCRIBERS. Each instance is a
// real server process; subscribers are WebSocket clients in this process. It reports delivered events
// per second, the delay from publish to receipt and the CPU time each instance spent, and writes the
// figures to bench/results/redis-fanout.json (the scaling lesson shows them).
//
//   npm run bench:redis-fanout              (SUBSCRIBERS=100,400 EVENTS=600 RATE=200 by default)
//   SUBSCRIBERS=1000 RATE=100 npm run bench:redis-fanout
//
// Everything runs on this machine over loopback: the client and the servers share its cores, which is
// part of what the figures say.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../protocol/messages.ts';
import { channelPath } from '../protocol/routes.ts';
import { TECHNIQUES } from '../protocol/techniques.ts';
import { startRedisServer } from '../scripts/redis-server.ts';
import { startChildServer, type ChildServer } from '../tests/helpers/server.ts';

/** The technique this benchmark speaks (with the `ws` library): the one whose wire is WebSocket frames. */
const WEBSOCKET = TECHNIQUES.find((t) => t.wire === 'websocket-frames')!;

const intEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SUBSCRIBER_COUNTS = (process.env.SUBSCRIBERS ?? '100,400').split(',').map(Number);
const EVENTS = intEnv('EVENTS', 600);
const RATE = intEnv('RATE', 200); // events published per second

// Limits that would otherwise (rightly) refuse one address opening hundreds of sockets and publishing fast.
const SERVER_ENV = {
  MAX_CONNECTIONS_PER_IP: '100000',
  MAX_SOCKETS_PER_IP: '100000',
  PUBLISH_RATE_PER_SEC: '100000',
  PUBLISH_BURST: '100000',
  RETENTION: String(Math.max(1000, EVENTS)),
  TICK_MS: '3600000',
};

interface Result {
  setup: string;
  instances: number;
  subscribers: number;
  events: number;
  deliveries: number;
  seconds: number;
  deliveriesPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** CPU seconds each instance spent during the run: what scaling out divides, whatever the machine. */
  cpuSecondsPerInstance: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function subscribe(base: string, channel: string, onEvent: (sentAt: number) => void): Promise<WebSocket> {
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}${channelPath(channel, WEBSOCKET.segment)}`);
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as ServerMessage;
    if (m.type === 'event') onEvent((m.data as { sentAt: number }).sentAt);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

async function cpuSeconds(server: ChildServer): Promise<number> {
  const text = await (await fetch(`${server.base}/metrics`)).text();
  return Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)![1]);
}

async function run(setup: string, servers: ChildServer[], subscribers: number): Promise<Result> {
  const channel = `bench-${subscribers}-${setup.toLowerCase().replace(/\W+/g, '-')}`;
  const latencies: number[] = [];
  const sockets: WebSocket[] = [];
  for (let i = 0; i < subscribers; i++) {
    sockets.push(
      await subscribe(servers[i % servers.length]!.base, channel, (sentAt) => latencies.push(Date.now() - sentAt)),
    );
  }
  await sleep(500); // every subscription in place (on Redis: subscribed and caught up)

  const publisher = await subscribe(servers[0]!.base, channel, () => {});
  const cpuBefore = await Promise.all(servers.map(cpuSeconds));
  const t0 = Date.now();
  for (let i = 0; i < EVENTS; i++) {
    // Paced against the clock, not by sleeping a fixed gap, so a slow send does not lower the rate.
    const due = t0 + (i * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    publisher.send(JSON.stringify({ type: 'publish', data: { sentAt: Date.now(), i } } satisfies ClientMessage));
  }
  const expected = EVENTS * subscribers;
  const deadline = Date.now() + 120_000;
  while (latencies.length < expected && Date.now() < deadline) await sleep(20);
  const seconds = (Date.now() - t0) / 1000;
  const cpuAfter = await Promise.all(servers.map(cpuSeconds));
  for (const ws of [...sockets, publisher]) ws.terminate();

  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    setup,
    instances: servers.length,
    subscribers,
    events: EVENTS,
    deliveries: latencies.length,
    seconds: Number(seconds.toFixed(2)),
    deliveriesPerSecond: Math.round(latencies.length / seconds),
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 },
    cpuSecondsPerInstance: cpuAfter.map((after, i) => Number((after - cpuBefore[i]!).toFixed(2))),
  };
}

async function withServers(
  envs: Record<string, string>[],
  body: (servers: ChildServer[]) => Promise<Result>,
): Promise<Result> {
  const servers: ChildServer[] = [];
  try {
    for (const env of envs) servers.push(await startChildServer({ ...SERVER_ENV, ...env }));
    return await body(servers);
  } finally {
    for (const s of servers) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));
  }
}

const redis = await startRedisServer();
const results: Result[] = [];
try {
  console.log(
    `${SUBSCRIBER_COUNTS.join(' and ')} WebSocket subscribers, ${EVENTS} events at ${RATE}/s, ${cpus().length} cores shared by client, servers and Redis\n`,
  );
  const onRedis = (id: string) => ({ INSTANCE_ID: id, REDIS_URL: redis.url });
  for (const n of SUBSCRIBER_COUNTS) {
    results.push(await withServers([{ INSTANCE_ID: 'a' }], (s) => run('1 instance, in-memory store', s, n)));
    results.push(await withServers([onRedis('a')], (s) => run('1 instance, Redis', s, n)));
    results.push(await withServers([onRedis('a'), onRedis('b')], (s) => run('2 instances, one Redis', s, n)));
  }
} finally {
  await redis.close();
}

console.log('| setup | subscribers | delivered | deliveries/s | p50 ms | p99 ms | max ms | CPU s per instance |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of results) {
  console.log(
    `| ${r.setup} | ${r.subscribers} | ${r.deliveries}/${r.events * r.subscribers} | ${r.deliveriesPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.cpuSecondsPerInstance.join(' + ')} |`,
  );
}
const out = new URL('./results/', import.meta.url);
mkdirSync(out, { recursive: true });
// The load average says how much else the machine was doing: on a shared 2-core box it moves the figures.
const machine = { cores: cpus().length, loadAverage1m: Number(loadavg()[0]!.toFixed(2)) };
writeFileSync(
  new URL('redis-fanout.json', out),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), ...machine, rate: RATE, results }, null, 2)}\n`,
);
console.log(`machine: ${machine.cores} cores, load average ${machine.loadAverage1m} over the last minute`);
console.log('\nwritten to bench/results/redis-fanout.json');
