import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configSchema, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.PORT, 4321);
    assert.equal(c.HOST, '127.0.0.1');
    assert.equal(c.RETENTION, 1000);
    assert.equal(c.PUBLISH_MAX_BYTES, 4096);
    assert.equal(c.WS_MAX_MESSAGE_BYTES, 16384);
    assert.deepEqual(c.ALLOWED_ORIGINS, []);
    assert.equal(c.TRUST_PROXY, false);
  });
  it('parses lists and numbers', () => {
    const c = loadConfig({ ALLOWED_ORIGINS: 'http://a.example, https://b.example', RETENTION: '50', TRUST_PROXY: '1' });
    assert.deepEqual(c.ALLOWED_ORIGINS, ['http://a.example', 'https://b.example']);
    assert.equal(c.RETENTION, 50);
    assert.equal(c.TRUST_PROXY, true);
  });
  it('refuses bad values with one message naming each variable and what it got', () => {
    assert.throws(
      () => loadConfig({ RETENTION: '1k', PORT: '-1' }),
      (err: Error) => /RETENTION/.test(err.message) && /"1k"/.test(err.message) && /PORT/.test(err.message),
    );
    assert.throws(
      () => loadConfig({ SSE_HEARTBEAT_MS: '20000' }),
      /SSE_HEARTBEAT_MS/,
      'the contract needs a heartbeat at least every 15 s',
    );
  });
  it('takes a Redis URL and an instance name, and refuses malformed ones', () => {
    const c = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6380', INSTANCE_ID: 'b' });
    assert.deepEqual([c.REDIS_URL, c.INSTANCE_ID], ['redis://127.0.0.1:6380', 'b']);
    assert.equal(loadConfig({}).REDIS_URL, undefined, 'unset means the in-memory store');
    assert.match(loadConfig({}).INSTANCE_ID, /^[A-Za-z0-9._-]+-\d+$/, 'defaults to host-pid');
    assert.throws(() => loadConfig({ REDIS_URL: '127.0.0.1:6379' }), /REDIS_URL/);
    assert.throws(() => loadConfig({ INSTANCE_ID: 'a b' }), /INSTANCE_ID/);
  });
  it("gives the lab's limits their defaults and refuses them out of range", () => {
    const c = loadConfig({});
    assert.deepEqual(
      [c.LAB_MAX_ENTRIES, c.LAB_MAX_CONNECTIONS, c.LAB_ACTIVE_MS, c.LAB_MAX_RACES],
      [500, 50, 30_000, 20],
    );
    for (const [name, bad] of [
      ['LAB_MAX_ENTRIES', '9'],
      ['LAB_MAX_CONNECTIONS', '0'],
      ['LAB_ACTIVE_MS', '999'],
      ['LAB_MAX_RACES', '0'],
      ['LAB_MAX_RACES', '2.5'],
    ] as const) {
      assert.throws(() => loadConfig({ [name]: bad }), new RegExp(name), `${name}=${bad}`);
    }
  });
  it('every setting is documented in the README configuration table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(configSchema.shape)) assert.match(readme, new RegExp(`\\| \`${name}\` +\\|`), name);
  });
});
