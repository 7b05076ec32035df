// Behind a proxy we run (TRUST_PROXY=true) the client IP comes from X-Forwarded-For, so two learners
// behind the same proxy get their own limits; without it the header is ignored (see adversarial.test.ts).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { openWs, request } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ TRUST_PROXY: true, PUBLISH_RATE_PER_SEC: 2, PUBLISH_BURST: 2 });
});
after(() => S.close());

const post = (xff: string) =>
  request(S.base, '/api/channels/proxied/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
    body: '{"data":1}',
  });

it('limits per forwarded client, taking the address the proxy appended (the rightmost)', async () => {
  const first = [];
  for (let i = 0; i < 6; i++) first.push((await post('198.51.100.1')).status);
  assert.ok(first.includes(429), `one client is limited: ${first}`);
  // Another client behind the same proxy is not.
  assert.equal((await post('198.51.100.2')).status, 201);
  // A client cannot escape by prepending addresses of its own: the proxy's entry is the last one.
  assert.equal((await post('10.9.9.9, 198.51.100.1')).status, 429);
});

it('the same origin is the scheme the proxy says the browser used: https via X-Forwarded-Proto, http without', async () => {
  const host = new URL(S.base).host;
  const status = async (origin: string, proto?: string) => {
    const c = openWs(S.base, '/api/channels/proxied/ws', {
      origin,
      headers: proto ? { 'x-forwarded-proto': proto } : {},
    });
    try {
      await c.opened;
      c.ws.close();
      return 101;
    } catch {
      return c.status;
    }
  };
  assert.equal(await status(`https://${host}`, 'https'), 101, 'behind a TLS proxy the page is https://host');
  assert.equal(await status(`http://${host}`, 'https'), 403, 'and then http://host is another origin');
  assert.equal(await status(`http://${host}`), 101, 'no X-Forwarded-Proto: plain http');
  assert.equal(await status(`https://${host}`), 403);
  // The proxy's entry is the rightmost, as for X-Forwarded-For.
  assert.equal(await status(`https://${host}`, 'http, https'), 101);
});
