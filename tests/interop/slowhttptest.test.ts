// slowhttptest (Debian's package) against a real server, on loopback and bounded in time: 500 slow-read
// sockets from one address (receive window 16-64 bytes, a few bytes read a second, pipelined requests
// for a large page) and 300 slow-body sockets posting application/json a field at a time. Every socket
// counts against its address (MAX_SOCKETS_PER_IP), so one address never holds more than that many, and
// the slow readers are cut once their oldest unread byte has waited SEND_STALL_MS; meanwhile another
// address is served as usual. Before, all 500 readers stayed open for the whole run, uncounted.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, it } from 'node:test';
import { request, sleep } from '../helpers/clients.ts';
import { ensureTools, execText } from '../helpers/interop.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const STALL_MS = 2000;
let S: TestServer;
before(async () => {
  ensureTools('slowhttptest');
  assert.equal(process.platform, 'linux', 'this test counts connections in /proc/net/tcp');
  S = await startTestServer({ SEND_STALL_MS: STALL_MS });
});
after(() => S?.close());

const rejections = async (reason: string) =>
  Number(
    new RegExp(`realtime_rejections_total\\{reason="${reason}"\\} (\\d+)`).exec(
      (await request(S.base, '/metrics', { localAddress: '127.0.0.2' })).text,
    )![1],
  );

/** The counts of slowhttptest's last status block: connected, closed, error… */
function lastStatus(output: string): Record<string, number> {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: slowhttptest colours its output with ANSI escapes
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const block = plain.slice(plain.lastIndexOf('slow HTTP test status'));
  const counts: Record<string, number> = {};
  for (const m of block.matchAll(/^(\w[\w ]*?):\s+(\d+)$/gm)) counts[m[1]!] = Number(m[2]);
  return counts;
}

/**
 * The server's open connections from 127.0.0.1, counted by the kernel itself (/proc/net/tcp: local port
 * the server's, remote 127.0.0.1, state ESTABLISHED or CLOSE_WAIT, i.e. not closed by the server yet),
 * so that this count does not depend on the code under test. It includes refused sockets while their
 * 429 is on its way (at most 2 s), which the server's own count (`peak`) does not.
 */
async function openFromLoopback(): Promise<number> {
  const text = await readFile('/proc/net/tcp', 'latin1');
  const local = `:${S.port.toString(16).toUpperCase().padStart(4, '0')}`;
  let n = 0;
  for (const line of text.split('\n')) {
    const [, localAddr = '', remote = '', state = ''] = line.trim().split(/\s+/);
    if (localAddr.endsWith(local) && remote.startsWith('0100007F:') && (state === '01' || state === '08')) n++;
  }
  return n;
}

/**
 * Runs slowhttptest while sampling, every 100 ms, how many sockets its address holds on the server by
 * the server's own count (`peak`) and, from `fromMs` into the run on, by the kernel's (`least` and
 * `most` seen), and asking for health from another address every 500 ms.
 */
async function attack(args: string, url: string, fromMs: number) {
  let peak = 0;
  let least = Number.POSITIVE_INFINITY;
  let most = 0;
  let sampling = true;
  const t0 = Date.now();
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, S.running.sockets.count('127.0.0.1'));
      if (Date.now() - t0 >= fromMs) {
        const open = await openFromLoopback();
        least = Math.min(least, open);
        most = Math.max(most, open);
      }
      await sleep(100);
    }
  })();
  const healthy: number[] = [];
  const prober = (async () => {
    while (sampling) {
      healthy.push((await request(S.base, '/api/health', { localAddress: '127.0.0.3' })).status);
      await sleep(500);
    }
  })();
  const output = await execText('slowhttptest', [...args.split(' '), '-p', '3', '-u', url], 60_000);
  sampling = false;
  await Promise.all([sampler, prober]);
  const status = lastStatus(output);
  console.log(
    `slowhttptest ${args}: ${JSON.stringify(status)}; server: at most ${peak} sockets from 127.0.0.1 at once, ${least} to ${most} open from ${fromMs} ms on (kernel)`,
  );
  return { peak, least, most, status, healthy };
}

it('500 slow readers from one address: at most MAX_SOCKETS_PER_IP at once, cut after SEND_STALL_MS', async () => {
  const max = S.running.deps.config.MAX_SOCKETS_PER_IP;
  const slowBefore = await rejections('slow_consumer');
  // Slow read: 500 connections opened at once, each advertising a receive window of 16 to 64 bytes and
  // reading 32 bytes a second, each asking for the largest lesson page (190 KB); 10 s.
  const run = await attack('-X -c 500 -r 500 -w 16 -y 64 -n 1 -z 32 -k 1 -l 10', `${S.base}/lessons/websocket/`, 2000);
  assert.ok(run.peak <= max, `at most ${max} sockets from one address at once, saw ${run.peak}`);
  const cut = (await rejections('slow_consumer')) - slowBefore;
  assert.ok(cut >= 100, `the slow readers were cut (${cut} slow_consumer)`);
  // slowhttptest itself still counts them connected: reading 32 bytes a second, it has not reached the
  // end of what it was sent before the cut. The server's own count is what matters.
  assert.equal(run.least, 0, 'before the end of the run, the server held none of them any more');
  assert.ok(run.healthy.length > 0 && run.healthy.every((s) => s === 200), `health elsewhere: ${run.healthy}`);
});

it('300 slow JSON bodies from one address: at most MAX_SOCKETS_PER_IP of them held, the rest refused', async () => {
  const max = S.running.deps.config.MAX_SOCKETS_PER_IP;
  const refusedBefore = await rejections('too_many_connections');
  // Slow body: 300 POSTs of a declared 8192-byte application/json body, a field a second; 8 s.
  const run = await attack(
    '-B -c 300 -r 300 -i 1 -s 8192 -t POST -f application/json -l 8',
    `${S.base}/api/channels/slow-body/events`,
    4000,
  );
  assert.ok(run.peak <= max, `at most ${max} sockets from one address at once, saw ${run.peak}`);
  // Held until REQUEST_TIMEOUT_MS (30 s) like any request still arriving, but no more than the limit.
  // slowhttptest's own probe (one connection at a time, refused or answered) comes from the same address.
  assert.ok(run.most <= max + 1, `the kernel's count from 4 s on: up to ${run.most} connections open from one address`);
  assert.ok((await rejections('too_many_connections')) - refusedBefore >= 300 - max, 'the rest were refused');
  assert.ok(run.healthy.length > 0 && run.healthy.every((s) => s === 200), `health elsewhere: ${run.healthy}`);
});
