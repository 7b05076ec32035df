// Held connections outlive Node's request timeouts: headersTimeout and requestTimeout cover receiving a
// request, keepAliveTimeout an idle connection between requests; none of them may cut an SSE stream,
// a WebSocket or a long-poll that is still waiting. Shortened to 1 s here so the test is quick.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { SseReader, openWs, request, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({
    HEADERS_TIMEOUT_MS: 1000,
    REQUEST_TIMEOUT_MS: 1000,
    KEEP_ALIVE_TIMEOUT_MS: 1000,
    SSE_HEARTBEAT_MS: 500,
  });
});
after(() => S.close());

it('SSE, WebSocket and long-poll connections live past every shortened server timeout', {
  timeout: 20_000,
}, async () => {
  const sse = new SseReader(S.base, '/api/channels/long/sse');
  const ws = openWs(S.base, '/api/channels/long/ws');
  await Promise.all([sse.opened, ws.opened]);
  const longPoll = request(S.base, '/api/channels/long/long-poll?timeout=4000');
  await sleep(3500); // three and a half times every timeout
  assert.equal(sse.ended, false, 'the SSE stream is still open');
  assert.equal(ws.ws.readyState, ws.ws.OPEN, 'the WebSocket is still open');
  await S.running.store.append('long', 'still here');
  const answer = await longPoll;
  assert.equal(answer.status, 200);
  assert.deepEqual(
    answer.json.events.map((e: { data: unknown }) => e.data),
    ['still here'],
  );
  await waitFor(() => sse.messages().length === 1 && ws.seqs().length === 1, 2000, 'delivery on the old connections');
  sse.close();
  ws.ws.close();
});
