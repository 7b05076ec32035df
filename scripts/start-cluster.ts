// `npm run start:cluster`: several instances of the server sharing their channels through one Redis,
// as the scaling lesson describes. Instances listen on consecutive ports from PORT (4321, 4322, …) and
// are named instance-1, instance-2, … (the X-Instance-Id header and /api/health say which one answered);
// a round-robin TCP balancer in front of them listens on BALANCER_PORT. Without REDIS_URL it starts a
// redis-server of its own (persistence off) and stops it on exit. Every other setting is passed on.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startRedisServer, type RedisServer } from './redis-server.ts';
import { ensureSiteBuilt } from './site-build.ts';
import { startTcpProxy } from './tcp-proxy.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    console.error(`${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(raw)}.`);
    process.exit(2);
  }
  return n;
}

const instances = intFromEnv('INSTANCES', 2, 1, 16);
const firstPort = intFromEnv('PORT', 4321, 1, 65535 - instances);
const balancerPort = intFromEnv('BALANCER_PORT', 4320, 0, 65535);
const host = process.env.HOST || '127.0.0.1';

try {
  ensureSiteBuilt();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

let redis: RedisServer | undefined;
let redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  redis = await startRedisServer();
  redisUrl = redis.url;
  console.log(`[cluster] started redis-server at ${redisUrl} (no persistence; stopped with the cluster)`);
}

function startInstance(index: number): Promise<ChildProcess> {
  const name = `instance-${index + 1}`;
  const port = firstPort + index;
  const child = spawn(process.execPath, ['api/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: host, REDIS_URL: redisUrl, INSTANCE_ID: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
  child.stdout!.on('data', (d: Buffer) => process.stdout.write(prefix(d)));
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(prefix(d)));
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      if (/serving on /.test(d.toString())) {
        child.stdout!.off('data', onData);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was serving`)));
  });
}

const children: ChildProcess[] = [];
let stopping = false;
async function stopAll(code: number): Promise<never> {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.filter((c) => c.exitCode === null).map((c) => once(c, 'exit')));
  await balancer?.close();
  await redis?.close();
  process.exit(code);
}

let balancer: Awaited<ReturnType<typeof startTcpProxy>> | undefined;
try {
  for (let i = 0; i < instances; i++) children.push(await startInstance(i));
  balancer = await startTcpProxy({ targets: children.map((_, i) => firstPort + i), port: balancerPort, host });
} catch (err) {
  console.error(`[cluster] ${(err as Error).message}`);
  await stopAll(1);
}
for (const child of children) {
  child.once('exit', (code) => {
    if (stopping) return;
    console.error(`[cluster] an instance exited with ${code}; stopping the cluster.`);
    void stopAll(1);
  });
}

const url = (port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
console.log(`[cluster] ${instances} instances on one Redis:`);
for (let i = 0; i < children.length; i++) console.log(`[cluster]   instance-${i + 1}  ${url(firstPort + i)}/`);
console.log(`[cluster]   balancer    ${url(balancer!.port)}/  (round robin per TCP connection, no sticky sessions)`);
console.log('[cluster] Ctrl-C stops them all.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll(0));
