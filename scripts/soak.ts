// `npm run soak [-- --minutes 10 --channels 4]`: a long run of connection churn and publishes across all
// every technique with random disconnects, against a real server process. It prints lost and duplicated
// events (must be 0), memory at the start and the end, and open handles at the end (must be back at the
// baseline); exit 1 when any of those is wrong. Not part of `npm test`: it takes minutes on purpose.
import { parseArgs } from 'node:util';
import { request, sleep } from '../tests/helpers/clients.ts';
import { TECHNIQUES, audit, churnClient, seededRandom, type Received } from '../tests/helpers/churn.ts';
import { startChildServer } from '../tests/helpers/server.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    channels: { type: 'string', default: '4' },
    rate: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
  },
});
const minutes = Number(values.minutes);
const channels = Number(values.channels);
const ratePerChannel = Number(values.rate);
if (!(minutes > 0 && channels > 0 && ratePerChannel > 0)) {
  console.error('usage: npm run soak -- [--minutes 10] [--channels 4] [--rate 10] [--seed 1]');
  process.exit(2);
}

const server = await startChildServer({
  PUBLISH_RATE_PER_SEC: String(ratePerChannel * channels * 4),
  PUBLISH_BURST: String(ratePerChannel * channels * 4),
  TICK_MS: '1000',
});
const base = server.base;

async function metrics(): Promise<Map<string, number>> {
  const text = (await request(base, '/metrics')).text;
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}
const mb = (bytes: number | undefined) => `${((bytes ?? NaN) / 2 ** 20).toFixed(1)} MB`;
const openConnections = (m: Map<string, number>) =>
  TECHNIQUES.reduce((sum, t) => sum + (m.get(`realtime_open_connections{technique="${t}"}`) ?? 0), 0);

await sleep(2000);
const before = await metrics();
console.log(
  `soak: ${minutes} min, ${channels} channels × 4 techniques, ${ratePerChannel} events/s per channel, server ${base}`,
);
console.log(
  `start: RSS ${mb(before.get('process_resident_memory_bytes'))}, heap used ${mb(before.get('nodejs_heap_size_used_bytes'))}, active handles ${before.get('nodejs_active_handles_total')}`,
);

const random = seededRandom(Number(values.seed));
const endAt = Date.now() + minutes * 60_000;
const published = new Array<number>(channels).fill(0);
let publishing = true;

async function publisher(index: number): Promise<void> {
  const channel = `soak-${index}`;
  while (Date.now() < endAt) {
    const r = await request(base, `/api/channels/${channel}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { n: published[index]! + 1 } }),
    });
    if (r.status === 201) published[index] = r.json.seq;
    else console.error(`publish to ${channel}: ${r.status} ${r.text}`);
    await sleep((1000 / ratePerChannel) * (0.5 + random()));
  }
}

const results: Promise<Received & { channel: number }>[] = [];
for (let c = 0; c < channels; c++) {
  for (const technique of TECHNIQUES) {
    results.push(
      churnClient(technique, {
        base,
        channel: `soak-${c}`,
        random,
        maxLifeMs: 1500,
        localAddress: `127.0.3.${(results.length % 250) + 1}`,
        // After the publishers stop, each client runs until it has the last event (or 30 s more).
        stop: (r) => !publishing && (r.seqs[r.seqs.length - 1] === published[c] || Date.now() > endAt + 30_000),
      }).then((r) => ({ ...r, channel: c })),
    );
  }
}

const progress = setInterval(async () => {
  const m = await metrics();
  const left = Math.max(0, Math.round((endAt - Date.now()) / 1000));
  console.log(
    `  ${left}s left: published ${published.reduce((a, b) => a + b, 0)}, open connections ${openConnections(m)}, RSS ${mb(m.get('process_resident_memory_bytes'))}`,
  );
}, 30_000);

await Promise.all(published.map((_, i) => publisher(i)));
publishing = false;
const received = await Promise.all(results);
clearInterval(progress);

let lost = 0;
let duplicated = 0;
let disorder = 0;
let resets = 0;
let disconnects = 0;
for (const r of received) {
  const a = audit(r.seqs, published[r.channel]!);
  lost += a.lost;
  duplicated += a.duplicated;
  disorder += a.inOrder ? 0 : 1;
  resets += r.resetsOrGaps;
  disconnects += r.disconnects;
}
await sleep(3000); // let the server notice the last closes
const after = await metrics();
const handlesBefore = before.get('nodejs_active_handles_total') ?? NaN;
const handlesAfter = after.get('nodejs_active_handles_total') ?? NaN;

console.log(
  `events published: ${published.reduce((a, b) => a + b, 0)}; clients: ${received.length}; disconnects: ${disconnects}`,
);
console.log(`lost: ${lost}, duplicated: ${duplicated}, out of order: ${disorder} clients, resets or gaps: ${resets}`);
console.log(
  `end: RSS ${mb(after.get('process_resident_memory_bytes'))}, heap used ${mb(after.get('nodejs_heap_size_used_bytes'))}, active handles ${handlesAfter} (baseline ${handlesBefore}), open connections ${openConnections(after)}`,
);
server.kill('SIGTERM');
await server.exited;

// A couple of handles may come and go with the ticker's timer and the metrics scrape itself.
const ok =
  lost === 0 &&
  duplicated === 0 &&
  disorder === 0 &&
  resets === 0 &&
  openConnections(after) === 0 &&
  handlesAfter <= handlesBefore + 2;
console.log(ok ? 'soak: OK' : 'soak: FAILED');
process.exit(ok ? 0 : 1);
