// One load generator process: it holds subscribers, times what they receive and churns connections, on
// the orders of the bench orchestrator (bench/loadgen/pool.ts) over the IPC channel. Several of these
// run at once, each from its own loopback source addresses (GENERATOR_ADDRESSES), because one
// process may hold at most `ulimit -n` sockets and one source address has ~28 000 ephemeral ports.
import http from 'node:http';
import type { ChannelEvent } from '../../protocol/messages.ts';
import { holdsOneConnection } from '../../protocol/techniques.ts';
import { Histogram } from '../stats.ts';
import type { Command, Reply, Request } from './protocol.ts';
import { clock } from './protocol.ts';
import { endpointOf, openStream, openSubscriber, type Subscriber, type SubscriberHooks } from './subscribers.ts';
import { measureWire } from './wire.ts';

const addresses = (process.env.GENERATOR_ADDRESSES ?? '127.0.0.1').split(',');
let nextAddress = 0;
const sourceAddress = () => addresses[nextAddress++ % addresses.length]!;

/** Opens at most this many connections at once: the server's listen backlog is 511 (Node's default). */
const OPEN_CONCURRENCY = 64;

const subscribers: Subscriber[] = [];
const drops: string[] = [];
let dropCount = 0;
let recording: { histogram: Histogram; received: number; lastReceiptAt: number } | undefined;
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** The publisher puts its clock reading in each event's data as `t` (ms); a message may carry several events. */
function timeEach(_text: string, events: readonly ChannelEvent[]): void {
  if (!recording) return;
  const now = clock();
  for (const event of events) {
    const sent = (event.data as { t?: unknown } | null)?.t;
    if (typeof sent !== 'number') continue;
    recording.histogram.record(now - sent);
    recording.received++;
    recording.lastReceiptAt = now;
  }
}

const hooks: SubscriberHooks = {
  onMessage: timeEach,
  onDrop: (reason) => {
    dropCount++;
    if (drops.length < 5 && !drops.includes(reason)) drops.push(reason);
  },
};

async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

async function run(command: Command): Promise<unknown> {
  switch (command.op) {
    case 'open': {
      let opened = 0;
      let failed = 0;
      let firstError: string | undefined;
      await inParallel(command.count, OPEN_CONCURRENCY, async () => {
        try {
          subscribers.push(
            await openSubscriber(
              command.technique,
              endpointOf(command.base, sourceAddress()),
              command.channel,
              hooks,
              agent,
            ),
          );
          opened++;
        } catch (err) {
          failed++;
          firstError ??= (err as Error).message;
        }
      });
      return { opened, failed, firstError };
    }
    case 'close-all': {
      for (const s of subscribers.splice(0)) s.close();
      agent.destroy();
      dropCount = 0;
      drops.length = 0;
      return { open: 0 };
    }
    case 'status':
      return { open: subscribers.length, drops: dropCount, dropReasons: drops };
    case 'record-start':
      recording = { histogram: new Histogram(), received: 0, lastReceiptAt: 0 };
      return {};
    case 'received':
      return { received: recording?.received ?? 0 };
    case 'record-stop': {
      const done = recording;
      recording = undefined;
      return {
        received: done?.received ?? 0,
        lastReceiptAt: done?.lastReceiptAt ?? 0,
        latency: (done?.histogram ?? new Histogram()).toJSON(),
      };
    }
    case 'churn':
      return churn(command);
    case 'wire':
      return measureWire(command.technique, command.base, command.channel, command.payloadBytes, command.events);
  }
}

/** New connections per second: open (101 received, or the first bytes of the stream), close, again. */
async function churn(command: Extract<Command, { op: 'churn' }>) {
  if (!holdsOneConnection(command.technique))
    throw new Error(`churn opens one connection per subscription; ${command.technique} has none`);
  const histogram = new Histogram();
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const ignore: SubscriberHooks = { onMessage: () => {}, onDrop: () => {} };
  const lane = async () => {
    while (performance.now() - started < command.durationMs) {
      const t0 = performance.now();
      try {
        // No source address picked here (unlike `open`, which must spread thousands of held sockets over
        // several): a socket bound before connect() takes its port from the source address's whole range,
        // skipping every port left in TIME_WAIT by the connections before it, whatever their destination.
        // Measured in a full run: after ~40 000 churned connections on the same eight addresses (the runs
        // before it), new connections fell to ~350-600/s with the generators at a whole core in the kernel
        // and the server idle (the bare SSE baseline's 352/s in the 2026-12-02 run was that). Left to
        // connect(), the kernel picks a port for this one destination, as a real client's socket does.
        const to = endpointOf(command.base);
        const sub = await openStream(command.technique, to, command.channel, ignore);
        histogram.record(performance.now() - t0);
        sub.close();
        completed++;
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, lane));
  return { completed, failed, firstError, elapsedMs: performance.now() - started, connectLatency: histogram.toJSON() };
}

process.on('message', (request: Request) => {
  run(request.command).then(
    (result) => process.send!({ id: request.id, ok: true, result } satisfies Reply),
    (err: Error) => process.send!({ id: request.id, ok: false, error: err.stack ?? err.message } satisfies Reply),
  );
});
// The orchestrator gone (finished, crashed, interrupted) means this generator's work is over too.
process.on('disconnect', () => process.exit(0));
