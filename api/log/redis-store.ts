// The shared store: every instance of the server reads and appends the same channel logs in Redis, so
// a client may be served by any instance and move between them with its cursor. The log is a Redis
// Stream (XADD with an exact MAXLEN for retention, XRANGE for replay), seq and epoch are kept in a hash
// next to it and changed only inside Lua scripts (redis-scripts.ts), and live events reach the other
// instances over pub/sub with a catch-up read from the stream (redis-live.ts).
//
// When Redis goes away the server stays up: commands fail at once with StoreUnavailableError (the API
// answers 503) instead of queueing in memory, the clients reconnect in the background, and held
// streams catch up from the log when Redis is back.
import { randomBytes } from 'node:crypto';
import { createClient, ErrorReply } from '@redis/client';
import { EMPTY_EPOCH } from '../../protocol/channels.ts';
import { LiveChannels } from './redis-live.ts';
import {
  APPEND,
  APPEND_ONCE,
  LEASE,
  READ,
  RESET,
  TOUCH,
  channelKeys,
  refKey,
  type LuaScript,
} from './redis-scripts.ts';
import {
  StoreUnavailableError,
  type AppendResult,
  type ChannelStore,
  type LogBounds,
  type LogEvent,
  type LogListener,
  type PublishRef,
  type ReadResult,
  type StoreStatus,
} from './types.ts';

export interface RedisStoreOptions {
  url: string;
  /** Newest events kept per channel. */
  retention: number;
  /** A channel nobody reads, writes or listens to for this long expires. */
  idleMs: number;
  /** Channels that never expire (the built-in ticker). */
  pinned?: readonly string[];
  /** Prefix of every key, so that several deployments (or tests) can share one Redis. */
  prefix?: string;
  /** How long a channel stays subscribed after its last local listener left. */
  lingerMs?: number;
  now?: () => number;
}

type RedisClient = ReturnType<typeof createClient>;

const newEpoch = () => randomBytes(6).toString('base64url');

/** Replies that mean "not now" rather than "wrong": Redis loading its data after a restart, a busy script. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN)\b/;

/**
 * node-redis gives up on a socket timeout by default; a server that stays up must keep trying. Fast
 * at first, so that a restarted Redis is noticed at once, then every second or so.
 */
const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 1000) + Math.floor(Math.random() * 100);

/** `0-<seq>` stream entry IDs carry the seq (see redis-scripts.ts). */
type StreamEntry = [id: string, fields: string[]];

export function eventJson(seq: number, time: number, dataJson: string): string {
  // Byte for byte what JSON.stringify({ seq, time, data }) gives, without parsing data again.
  return `{"seq":${seq},"time":${time},"data":${dataJson}}`;
}

function toEvent([id, fields]: StreamEntry): LogEvent {
  const seq = Number(id.slice(id.indexOf('-') + 1));
  let time = 0;
  let dataJson = 'null';
  for (let i = 0; i < fields.length; i += 2) {
    if (fields[i] === 't') time = Number(fields[i + 1]);
    else if (fields[i] === 'd') dataJson = fields[i + 1]!;
  }
  return { seq, time, data: JSON.parse(dataJson), json: eventJson(seq, time, dataJson) };
}

export class RedisStore implements ChannelStore {
  private readonly opts: RedisStoreOptions;
  private readonly prefix: string;
  private readonly now: () => number;
  private readonly commands: RedisClient;
  private readonly subscriber: RedisClient;
  private readonly live: LiveChannels;
  private readonly toucher: NodeJS.Timeout;
  private problem: string | undefined = 'not connected to Redis yet';
  private closed = false;

  constructor(opts: RedisStoreOptions) {
    this.opts = opts;
    this.prefix = opts.prefix ?? 'realtime-lab:';
    this.now = opts.now ?? Date.now;
    this.commands = createClient({
      url: opts.url,
      // Fail at once while disconnected: a publish must get a clear 503 now, not be queued in this
      // process's memory and maybe applied minutes later after the client gave up on it.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy },
      // A PING now and then notices a dead connection that TCP itself would report only much later.
      pingInterval: 5000,
      commandOptions: { timeout: 3000 },
      // Redis Enterprise maintenance notices are of no use against a plain redis-server.
      maintNotifications: 'disabled',
    });
    this.subscriber = this.commands.duplicate();
    this.live = new LiveChannels(
      {
        bounds: (channel) => this.bounds(channel),
        read: (channel, from, limit) => this.read(channel, from, limit),
        pubsubName: (channel) => channelKeys(this.prefix, channel).live,
        subscribe: (pubsub) => this.subscriber.subscribe(pubsub, this.live.onMessage),
        unsubscribe: (pubsub) => this.subscriber.unsubscribe(pubsub),
      },
      opts.lingerMs ?? 5000,
    );
    for (const client of [this.commands, this.subscriber]) {
      // Without an 'error' listener node-redis would throw, and take the server down with Redis.
      client.on('error', (err: Error) => this.noteProblem(err));
      client.on('ready', () => this.noteReady());
    }
    this.subscriber.on('ready', () => this.live.subscriberReady());
    // Every script loaded as soon as the connection is (again) ready, ahead of any command: a script
    // run for the first time would take an extra round trip (NOSCRIPT, then EVAL), and two appends
    // sent in order by different scripts (with and without a ref) would then land out of order.
    this.commands.on('ready', () => {
      for (const script of [APPEND, APPEND_ONCE, READ, RESET, TOUCH, LEASE])
        this.commands.sendCommand(['SCRIPT', 'LOAD', script.source]).catch(() => {});
    });
    // Channels with listeners here are in use even when nobody publishes: keep them from expiring.
    this.toucher = setInterval(() => this.touchWatched(), Math.max(500, Math.min(opts.idleMs / 3, 60_000)));
    this.toucher.unref();
  }

  /**
   * Starts connecting and resolves once both connections are up, or after waitMs with false: the
   * server then starts degraded and the clients keep trying in the background.
   */
  async connect(waitMs: number): Promise<boolean> {
    const ready = Promise.all([this.commands.connect(), this.subscriber.connect()]).then(
      () => true,
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
    const ok = await Promise.race([ready, timeout]);
    clearTimeout(timer);
    return ok;
  }

  private noteProblem(err: Error): void {
    if (this.closed) return;
    const was = this.problem;
    this.problem = `Redis at ${this.where()} is unreachable (${err.message || err.name})`;
    if (!was) console.error(`redis: ${this.problem}; publishes answer 503 until it is back.`);
  }

  private noteReady(): void {
    if (!this.commands.isReady || !this.subscriber.isReady) return;
    if (this.problem) console.log(`redis: connected to ${this.where()}.`);
    this.problem = undefined;
  }

  private where(): string {
    try {
      const u = new URL(this.opts.url);
      return u.host; // never the password
    } catch {
      return 'REDIS_URL';
    }
  }

  status(): StoreStatus {
    const available = this.commands.isReady && this.subscriber.isReady;
    if (available) return { kind: 'redis', available };
    return { kind: 'redis', available, problem: this.problem ?? `Redis at ${this.where()} is unreachable` };
  }

  private unavailable(err: unknown): Error {
    // An error reply that is not transient is a bug (a wrong key type, a script error): a 500, logged.
    if (err instanceof ErrorReply && !TRANSIENT_REPLY.test(err.message)) return err;
    return new StoreUnavailableError(`The shared store (Redis) cannot be reached: ${(err as Error).message}`);
  }

  /**
   * Runs a script by its SHA1, loading it on NOSCRIPT (a restarted Redis has an empty script cache).
   * The command is sent synchronously, before this function first awaits (LiveSource.bounds relies on it).
   */
  private async run(script: LuaScript, keys: string[], args: (string | number)[]): Promise<unknown> {
    const tail = [String(script.keyCount), ...keys, ...args.map(String)];
    try {
      try {
        return await this.commands.sendCommand(['EVALSHA', script.sha1, ...tail]);
      } catch (err) {
        if (err instanceof ErrorReply && err.message.startsWith('NOSCRIPT'))
          return await this.commands.sendCommand(['EVAL', script.source, ...tail]);
        throw err;
      }
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  private ttlOf(channel: string): number {
    return (this.opts.pinned ?? []).includes(channel) ? 0 : this.opts.idleMs;
  }

  async append(channel: string, data: unknown, ref?: PublishRef): Promise<AppendResult> {
    const k = channelKeys(this.prefix, channel);
    const time = Math.round(this.now());
    const dataJson = JSON.stringify(data) ?? 'null';
    if (ref) {
      const [epoch, seq, firstTime, duplicate] = (await this.run(
        APPEND_ONCE,
        [k.meta, k.log, refKey(this.prefix, channel, ref.key)],
        [newEpoch(), this.opts.retention, time, dataJson, this.ttlOf(channel), k.live, Math.max(1, ref.windowMs)],
      )) as [string, number, number, number];
      const event = { seq, time: firstTime, data, json: eventJson(seq, firstTime, dataJson) };
      return duplicate === 1 ? { event, epoch, duplicate: true } : { event, epoch };
    }
    const [epoch, seq] = (await this.run(
      APPEND,
      [k.meta, k.log],
      [newEpoch(), this.opts.retention, time, dataJson, this.ttlOf(channel), k.live],
    )) as [string, number];
    return { event: { seq, time, data, json: eventJson(seq, time, dataJson) }, epoch };
  }

  async read(channel: string, from: number, limit: number): Promise<ReadResult> {
    const k = channelKeys(this.prefix, channel);
    const reply = (await this.run(
      READ,
      [k.meta, k.log],
      [EMPTY_EPOCH, Math.max(0, from), Math.max(0, limit), this.ttlOf(channel)],
    )) as [string, number, number, StreamEntry[]];
    const [epoch, head, oldest, entries] = reply;
    return { bounds: { epoch, oldest, head }, events: entries.map(toEvent) };
  }

  async bounds(channel: string): Promise<LogBounds> {
    return (await this.read(channel, 0, 0)).bounds;
  }

  async reset(channel: string): Promise<LogBounds> {
    const k = channelKeys(this.prefix, channel);
    await this.run(RESET, [k.meta, k.log], [newEpoch(), this.ttlOf(channel)]);
    return this.bounds(channel);
  }

  subscribe(channel: string, listener: LogListener): () => void {
    return this.live.add(channel, listener);
  }

  subscriberCount(): number {
    return this.live.listenerCount();
  }

  /**
   * True when this instance holds (took or renewed) the named lease for the next ttlMs: lets one
   * instance out of several do a job that must be done once, such as driving the ticker.
   */
  async holdsLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.run(LEASE, [`${this.prefix}lease:${name}`], [holder, ttlMs])) === 1;
  }

  private touchWatched(): void {
    for (const channel of this.live.watched()) {
      const ttl = this.ttlOf(channel);
      if (ttl === 0) continue;
      const k = channelKeys(this.prefix, channel);
      this.run(TOUCH, [k.meta, k.log], [ttl]).catch(() => {}); // an outage is reported by health already
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.toucher);
    this.live.close();
    for (const client of [this.subscriber, this.commands]) {
      try {
        client.destroy();
      } catch {
        // never connected: nothing to close
      }
    }
  }
}
