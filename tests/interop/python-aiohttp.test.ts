// Python's aiohttp (Debian's python3-aiohttp): publish, poll and limit, long-poll held and woken, gap, reset, a channel read before its first publish, the JSON refusals, and WebSocket with aiohttp's own client (1009 included). Against a real server; the script prints one line per check.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { ensurePython, INTEROP_CONFIG, runPython } from '../helpers/interop.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  ensurePython('aiohttp');
  S = await startTestServer(INTEROP_CONFIG);
});
after(() => S?.close());

it('the contract through aiohttp', async () => {
  const r = await runPython('aiohttp_contract.py', [S.base, 'interop-aiohttp']);
  assert.equal(r.code, 0, r.output);
});
