// `npm run start:cluster` as a learner runs it: N instances on consecutive ports, a Redis of its own, a
// round-robin balancer in front, and everything gone after one SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { it } from 'node:test';
import { publish, request, sleep } from '../helpers/clients.ts';
import { projectRoot } from '../helpers/server.ts';
import { freePort } from '../../scripts/redis-server.ts';

/** Whether a port can be bound right now on the loopback interface. */
async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port whose next `count - 1` neighbours are free too: the instances take consecutive ports. */
async function freePortBlock(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await freePort();
    let ok = port + count - 1 <= 65535;
    for (let i = 1; ok && i < count; i++) ok = await portIsFree(port + i);
    if (ok) return port;
  }
  throw new Error(`no block of ${count} consecutive free ports found`);
}

it('starts two instances on consecutive ports with one Redis and a balancer, and stops them all on SIGTERM', {
  timeout: 120_000,
}, async () => {
  const port = await freePortBlock(2);
  const child = spawn(process.execPath, ['scripts/start-cluster.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), INSTANCES: '2', BALANCER_PORT: '0', REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a failed test can stop the instances and the Redis it started too.
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  try {
    const balancer = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the cluster did not start:\n${out}`)), 90_000);
      child.stdout!.on('data', () => {
        const m = /balancer\s+(http:\/\/\S+?)\/\s/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void exited.then((code) => reject(new Error(`the cluster exited with ${code}:\n${out}`)));
    });
    const redisPort = Number(/started redis-server at redis:\/\/127\.0\.0\.1:(\d+)/.exec(out)![1]);
    const [one, two] = [`http://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`];

    assert.equal((await request(one, '/api/health')).json.instance, 'instance-1');
    assert.equal((await request(two, '/api/health')).json.instance, 'instance-2');
    // Each request on a connection of its own: round robin spreads them over both instances.
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add(String((await request(balancer, '/api/health')).headers['x-instance-id']));
    assert.deepEqual([...seen].sort(), ['instance-1', 'instance-2']);

    const ack = await publish(one, 'cluster', 'published on instance-1');
    assert.equal(ack.status, 201);
    const poll = await request(two, '/api/channels/cluster/poll?after=0');
    assert.deepEqual(
      poll.json.events.map((e: any) => e.data),
      ['published on instance-1'],
    );
    assert.equal(poll.json.epoch, ack.json.epoch);

    child.kill('SIGTERM');
    assert.equal(await Promise.race([exited, sleep(10_000).then(() => 'still running')]), 0, out);
    const redisGone = await new Promise<boolean>((resolve) => {
      const s = net.connect(redisPort, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', () => resolve(true));
    });
    assert.ok(redisGone, 'the redis-server it started is stopped too');
  } finally {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});
