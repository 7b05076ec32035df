// SIGTERM on the real server process with connections of every kind open: health turns 503 (or the
// port closes), WebSockets get 1001, event streams (SSE, fetch) end, held long-polls are answered, the
// process exits.
import assert from 'node:assert/strict';
import http from 'node:http';
import { it } from 'node:test';
import { SseReader, openWs, request, sleep, waitFor } from '../helpers/clients.ts';
import { startChildServer } from '../helpers/server.ts';

it('graceful shutdown on SIGTERM ends every held connection and exits within 10 s', { timeout: 30_000 }, async () => {
  const server = await startChildServer({ SHUTDOWN_GRACE_MS: '3000' });
  try {
    const sse = new SseReader(server.base, '/api/channels/bye/sse');
    const fetchStream = new SseReader(
      server.base,
      '/api/channels/bye/stream',
      { 'content-type': 'application/json' },
      '{}',
    );
    const ws = openWs(server.base, '/api/channels/bye/ws');
    await Promise.all([sse.opened, fetchStream.opened, ws.opened]);
    const longPoll = request(server.base, '/api/channels/bye/long-poll?timeout=30000');
    // A short-polling client keeps its connection alive between polls.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const poll = () =>
      new Promise<number>((resolve) => {
        const u = new URL(server.base);
        http
          .get({ host: u.hostname, port: u.port, path: '/api/channels/bye/poll', agent: keepAlive }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          })
          .on('error', () => resolve(0));
      });
    assert.equal(await poll(), 200);
    await sleep(200);

    const t0 = Date.now();
    server.kill('SIGTERM');
    const lp = await longPoll;
    assert.equal(lp.status, 200, 'the held long-poll is answered');
    assert.deepEqual(lp.json.events, []);
    assert.equal((await ws.closed).code, 1001);
    await waitFor(() => sse.ended, 5000, 'the SSE stream to end');
    await waitFor(() => fetchStream.ended, 5000, 'the fetch stream to end');

    const health = await request(server.base, '/api/health').catch((e: Error) => ({ status: 0, error: e.message }));
    assert.ok(health.status === 503 || health.status === 0, `health after SIGTERM: ${health.status}`);
    // The polling client's next request: 503, or its idle connection was closed (0), never a 200.
    const next = await poll();
    assert.ok(next === 503 || next === 0, `poll after SIGTERM: ${next}`);
    keepAlive.destroy();
    const code = await Promise.race([server.exited, sleep(10_000).then(() => 'still running')]);
    assert.equal(code, 0, server.output());
    assert.ok(Date.now() - t0 < 10_000);
  } finally {
    server.kill('SIGKILL');
  }
});
