// The Redis side of the shared store: where a channel lives and the Lua scripts that change it. Each
// script runs atomically in Redis, so two instances appending at once still get seq n and n+1, never
// the same seq twice and never a hole, and the epoch is created exactly once.
//
// Per channel, all three keys share the hash tag {channel}, so the scripts also run on Redis Cluster:
//   <prefix>{<channel>}:meta  hash   epoch, head (seq of the newest event)
//   <prefix>{<channel>}:log   stream one entry per event, ID 0-<seq>, fields t (time) and d (data JSON)
//   <prefix>{<channel>}:live  pub/sub "<epoch> <event JSON>" for every append: the wake-up for live readers
//   <prefix>{<channel>}:ref:<ref JSON>  string "<epoch> <seq> <time>", expiring after the dedupe window:
//                              a publish's idempotency key (APPEND_ONCE)
import { createHash } from 'node:crypto';

export interface ChannelKeys {
  readonly meta: string;
  readonly log: string;
  readonly live: string;
}

export function channelKeys(prefix: string, channel: string): ChannelKeys {
  const base = `${prefix}{${channel}}`;
  return { meta: `${base}:meta`, log: `${base}:log`, live: `${base}:live` };
}

/** The key of a publish ref on a channel: the same hash tag, so APPEND_ONCE runs on Redis Cluster too. */
export function refKey(prefix: string, channel: string, ref: string): string {
  return `${prefix}{${channel}}:ref:${ref}`;
}

export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
  readonly keyCount: number;
}

function lua(keyCount: number, body: string): LuaScript {
  const source = `${PRELUDE}\n${body}`;
  return { source, sha1: createHash('sha1').update(source).digest('hex'), keyCount };
}

// In the channel scripts KEYS[1] is the channel's meta hash and KEYS[2] its log.
const PRELUDE = `
-- The channel's epoch. No meta hash means a new channel, or one whose history Redis no longer has
-- (expired as idle, flushed, restarted empty): start a new history, and drop whatever is left of the
-- log, because it belonged to the lost one.
local function epoch_of(candidate)
  local epoch = redis.call('HGET', KEYS[1], 'epoch')
  if epoch then return epoch end
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], 'epoch', candidate, 'head', 0)
  return candidate
end

-- Idle channels expire like the in-memory store evicts them; 0 keeps them (the ticker).
local function keep_for(ttl)
  if tonumber(ttl) > 0 then
    redis.call('PEXPIRE', KEYS[1], ttl)
    redis.call('PEXPIRE', KEYS[2], ttl)
  end
end
`;

// #region redis-append
/**
 * ARGV: epoch candidate, retention, time (ms), data (JSON), ttl (ms), live channel.
 * Returns { epoch, seq }.
 */
export const APPEND = lua(
  2,
  `
local epoch = epoch_of(ARGV[1])
local seq = redis.call('HINCRBY', KEYS[1], 'head', 1)
-- An explicit ID 0-<seq>: XRANGE can then start at any seq, and "MAXLEN =" keeps exactly the newest
-- RETENTION entries, as the in-memory store does (at least that many is the contract).
redis.call('XADD', KEYS[2], 'MAXLEN', '=', ARGV[2], '0-' .. seq, 't', ARGV[3], 'd', ARGV[4])
keep_for(ARGV[5])
-- The event JSON is built from the data's own text, never decoded here: Lua's cjson would turn large
-- integers into doubles and change what the publisher sent.
redis.call('PUBLISH', ARGV[6], epoch .. ' {"seq":' .. seq .. ',"time":' .. ARGV[3] .. ',"data":' .. ARGV[4] .. '}')
return { epoch, seq }
`,
);
// #endregion redis-append

/**
 * APPEND with an idempotency key. KEYS[3] is the ref's key; ARGV as APPEND, then the window (ms).
 * A ref seen in the channel's current epoch answers its original seq and time, appending nothing; one
 * from a lost history (another epoch) is a new publish. Returns { epoch, seq, time, duplicate 0|1 }.
 */
export const APPEND_ONCE = lua(
  3,
  `
local epoch = epoch_of(ARGV[1])
local seen = redis.call('GET', KEYS[3])
if seen then
  local e, s, t = string.match(seen, '^(%S+) (%d+) (%d+)$')
  if e == epoch then return { epoch, tonumber(s), tonumber(t), 1 } end
end
local seq = redis.call('HINCRBY', KEYS[1], 'head', 1)
redis.call('XADD', KEYS[2], 'MAXLEN', '=', ARGV[2], '0-' .. seq, 't', ARGV[3], 'd', ARGV[4])
keep_for(ARGV[5])
redis.call('SET', KEYS[3], epoch .. ' ' .. seq .. ' ' .. ARGV[3], 'PX', ARGV[7])
redis.call('PUBLISH', ARGV[6], epoch .. ' {"seq":' .. seq .. ',"time":' .. ARGV[3] .. ',"data":' .. ARGV[4] .. '}')
return { epoch, seq, tonumber(ARGV[3]), 0 }
`,
);

/**
 * ARGV: the empty epoch, from (seq), limit (0 for bounds only), ttl (ms).
 * Returns { epoch, head, oldest, entries } with entries as XRANGE gives them.
 */
export const READ = lua(
  2,
  `
-- A channel that does not exist reads as an empty log under the empty epoch, and stays uncreated:
-- reads of invented names must not fill Redis. Its first append creates it (epoch_of).
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then return { ARGV[1], 0, 1, {} } end
local head = tonumber(redis.call('HGET', KEYS[1], 'head'))
local oldest = head + 1
local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
if first[1] then oldest = tonumber(string.match(first[1][1], '^0%-(%d+)$')) end
if head == 0 then oldest = 1 end
local entries = {}
if tonumber(ARGV[3]) > 0 then
  entries = redis.call('XRANGE', KEYS[2], '0-' .. ARGV[2], '+', 'COUNT', ARGV[3])
end
keep_for(ARGV[4])
return { epoch, head, oldest, entries }
`,
);

/** ARGV: new epoch, ttl (ms). Drops the history and starts a new one under the new epoch. */
export const RESET = lua(
  2,
  `
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'head', 0)
keep_for(ARGV[2])
return ARGV[1]
`,
);

/** ARGV: ttl (ms). Keeps a channel with listeners on some instance from expiring as idle. */
export const TOUCH = lua(
  2,
  `
keep_for(ARGV[1])
return 1
`,
);

/**
 * KEYS[1]: the lease; ARGV: holder, ttl (ms). 1 when the caller holds the lease (taken or renewed),
 * 0 when another instance does. Used so that one instance, not all of them, drives the ticker.
 */
export const LEASE = lua(
  1,
  `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`,
);
