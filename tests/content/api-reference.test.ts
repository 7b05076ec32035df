// The API reference page documents exactly what the server serves: every route of the contract's route
// table with its method. Adding a route to protocol/routes.ts without documenting it fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROUTES } from '../../protocol/routes.ts';
import { checkReference, ENDPOINTS } from '../../src/lib/api-reference.ts';

test('the reference matches the route table', () => {
  assert.doesNotThrow(() => checkReference(ROUTES));
});

test('an undocumented route, a wrong method or a route that is gone is reported by name', () => {
  assert.throws(
    () => checkReference([...ROUTES, { method: 'GET', path: '/api/channels/:channel/history', group: 'channel' }]),
    /route GET \/api\/channels\/:channel\/history is not documented/,
  );
  assert.throws(
    () => checkReference(ROUTES.map((r) => (r.path === '/api/health' ? { ...r, method: 'POST' } : r))),
    /\/api\/health answers POST but is documented as GET/,
  );
  assert.throws(
    () => checkReference(ROUTES.filter((r) => r.path !== '/api/time')),
    /documented \/api\/time is not a route of the server/,
  );
});

test('every endpoint has a pasteable example against this origin', () => {
  for (const e of ENDPOINTS) {
    const text = e.example.code;
    if (e.example.lang === 'sh') assert.match(text, /^curl .*\{origin\}\S*/, `${e.path}: a curl line using {origin}`);
    else assert.match(text, /new WebSocket\(`ws:\/\/\$\{location\.host\}/, `${e.path}: a console snippet on this site`);
  }
  assert.ok(
    ENDPOINTS.some((e) => e.example.code.startsWith('curl -N ') && e.path.endsWith('/sse')),
    'curl -N for SSE',
  );
  const ws = ENDPOINTS.find((e) => e.path.endsWith('/ws'))!;
  assert.equal(ws.example.code.split('\n').length, 3, 'a three-line console snippet for WebSocket');
});
