// The API reference page documents exactly what the server serves: every route with its method,
// and every error code it can answer with. Adding a route to api/app.ts without documenting it fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROUTES } from '../../api/app.ts';
import { REJECTION_REASONS } from '../../api/metrics.ts';
import { ENDPOINTS, checkReference } from '../../src/lib/api-reference.ts';

test('the reference matches the server route table and error codes', () => {
  assert.doesNotThrow(() => checkReference(ROUTES, REJECTION_REASONS));
});

test('an undocumented route, a wrong method or an unknown error code is reported by name', () => {
  assert.throws(
    () => checkReference({ ...ROUTES, '/api/channels/:channel/history': 'GET' }, REJECTION_REASONS),
    /route GET \/api\/channels\/:channel\/history is not documented/,
  );
  assert.throws(
    () => checkReference({ ...ROUTES, '/api/health': 'POST' }, REJECTION_REASONS),
    /\/api\/health answers POST but is documented as GET/,
  );
  assert.throws(() => checkReference(ROUTES, [...REJECTION_REASONS, 'teapot']), /error code teapot is not documented/);
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
