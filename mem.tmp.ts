import http from 'node:http';
import { startChildServer } from './tests/helpers/server.ts';
import { request } from './tests/helpers/clients.ts';
const S = await startChildServer({ SLOW_CLIENT_MAX_BUFFER_BYTES: String(256 * 1024), PUBLISH_RATE_PER_SEC: '100000', PUBLISH_BURST: '100000' });
async function metric(name: string) { const t = (await request(S.base, '/metrics')).text; return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(t)![1]); }
async function flood(channel: string, mb: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const body = JSON.stringify({ data: 'z'.repeat(4000) });
  const u = new URL(S.base);
  const n = Math.ceil((mb * 1024 * 1024) / 4000);
  for (let i = 0; i < n; i += 4) await Promise.all([0,1,2,3].map(() => new Promise<void>((res, rej) => { const r = http.request({ host: u.hostname, port: u.port, method: 'POST', path: `/api/channels/${channel}/events`, agent, headers: { 'content-type': 'application/json' } }, (x) => { x.resume(); x.on('end', () => res()); }); r.on('error', rej); r.end(body); })));
  agent.destroy();
}
for (let i = 0; i < 6; i++) {
  await flood(`nosub-${i}`, 20);
  console.log(i, 'rss', ((await metric('process_resident_memory_bytes')) / 2**20).toFixed(0), 'heapUsed', ((await metric('nodejs_heap_size_used_bytes')) / 2**20).toFixed(0), 'heapTotal', ((await metric('nodejs_heap_size_total_bytes')) / 2**20).toFixed(0), 'ext', ((await metric('nodejs_external_memory_bytes')) / 2**20).toFixed(0));
}
S.kill('SIGKILL');
process.exit(0);
