// Python's websockets (Debian's python3-websockets) against a real server: the contract's core checks
// over WebSocket, and oversize fragmented messages, which must always end with a close frame of 1009 that
// reaches the client (before, the server's reset threw it away: 1006 in some runs, and in every run for a
// client that writes all its fragments before it reads).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { request } from '../helpers/clients.ts';
import { ensurePython, INTEROP_CONFIG, runPython } from '../helpers/interop.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  ensurePython('websockets');
  S = await startTestServer(INTEROP_CONFIG);
});
after(() => S?.close());

const tooLarge = async () =>
  Number(
    /realtime_rejections_total\{reason="message_too_large"\} (\d+)/.exec((await request(S.base, '/metrics')).text)![1],
  );

it('the contract over WebSocket: subscribe, ack, resume, gap, reset, refusals', async () => {
  const r = await runPython('ws_contract.py', [S.base, 'interop-ws']);
  assert.equal(r.code, 0, r.output);
});

it('a 100 KB message in 10 KB fragments always closes with 1009, read by the client; each one counted', async () => {
  const runs = 12;
  const before = await tooLarge();
  const r = await runPython('ws_fragments.py', [S.base, String(runs)]);
  assert.equal(r.code, 0, r.output);
  // Two closes per run: the websockets client and the client that writes before it reads.
  assert.equal(await tooLarge(), before + 2 * runs, 'realtime_rejections_total{reason="message_too_large"}');
});
