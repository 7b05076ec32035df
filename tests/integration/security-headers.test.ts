// Security headers on pages, assets and API answers, including SSE streams written straight to the socket.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { SseReader, request } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { inlineScriptHashes } from '../../api/security.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer();
});
after(() => S.close());

const common = (headers: Record<string, unknown>, what: string) => {
  assert.equal(headers['x-content-type-options'], 'nosniff', what);
  assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin', what);
  assert.equal(headers['x-frame-options'], 'DENY', what);
  assert.match(String(headers['content-security-policy']), /frame-ancestors 'none'/, what);
};

it('pages get a CSP that allows exactly their own inline scripts, and no inline-script blanket', async () => {
  for (const path of ['/', '/lessons/sse/']) {
    const r = await request(S.base, path);
    assert.equal(r.status, 200, path);
    common(r.headers, path);
    const csp = String(r.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]+)/.exec(csp)![1]!;
    assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'/);
    for (const hash of inlineScriptHashes(r.text)) assert.ok(scriptSrc.includes(hash), `${path}: ${hash} allowed`);
  }
});

it('API answers, errors, SSE streams and assets carry the base headers', async () => {
  common((await request(S.base, '/api/health')).headers, 'health');
  common((await request(S.base, '/api/channels/BAD/poll')).headers, 'an error');
  common((await request(S.base, '/metrics')).headers, 'metrics');
  const sse = new SseReader(S.base, '/api/channels/hdr/sse');
  await sse.opened;
  common(sse.headers, 'sse');
  sse.close();
  const page = await request(S.base, '/');
  const asset = /(?:src|href)="(\/_astro\/[^"]+)"/.exec(page.text)?.[1];
  assert.ok(asset, 'the home page references a built asset');
  const a = await request(S.base, asset);
  assert.equal(a.status, 200);
  common(a.headers, asset);
  assert.match(String(a.headers['cache-control']), /immutable/);
});

it('hashes inline scripts over their exact text', () => {
  const html = '<script>a()</script><script src="/x.js"></script><script type="module">b()</script><script> </script>';
  assert.deepEqual(
    inlineScriptHashes(html),
    ["'sha256-cf242PFc/kb7xD0Qzhsmd9vvRkc+cWFmbi+k+YvtdKc='", "'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"],
    'b() and a() by their SHA-256, the src script and the blank one skipped',
  );
});
