// Python's websocket-client (Debian's python3-websocket), a synchronous client: subscribe, ack, resume, close 1009 read from the close frame, refusals. Against a real server; the script prints one line per check.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { ensurePython, INTEROP_CONFIG, runPython } from '../helpers/interop.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  ensurePython('websocket-client');
  S = await startTestServer(INTEROP_CONFIG);
});
after(() => S?.close());

it('the contract through websocket-client', async () => {
  const r = await runPython('websocket_client.py', [S.base, 'interop-websocket-client']);
  assert.equal(r.code, 0, r.output);
});
