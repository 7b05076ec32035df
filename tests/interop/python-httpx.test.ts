// Python's httpx (Debian's python3-httpx) reading SSE the way httpx-sse does (httpx-sse is not in Debian; its decoding rules are restated in the script): the first event handed over has JSON data, resume by Last-Event-ID, the heartbeat quirk, gap, reset, refusals. Against a real server; the script prints one line per check.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { ensurePython, INTEROP_CONFIG, runPython } from '../helpers/interop.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  ensurePython('httpx');
  S = await startTestServer(INTEROP_CONFIG);
});
after(() => S?.close());

it('the contract through httpx', async () => {
  const r = await runPython('httpx_sse.py', [S.base, 'interop-httpx']);
  assert.equal(r.code, 0, r.output);
});
