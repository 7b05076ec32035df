import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Coding, fileUnder, negotiateEncoding } from './content-encoding.ts';

const BOTH: Coding[] = ['identity', 'br', 'gzip'];

describe('negotiateEncoding (RFC 9110 §12.5.3)', () => {
  const cases: [string | undefined, Coding[], Coding][] = [
    [undefined, BOTH, 'identity'],
    ['', BOTH, 'identity'],
    ['gzip, deflate, br, zstd', BOTH, 'br'], // Chromium's: equal q, the server's order
    ['gzip', BOTH, 'gzip'],
    ['br;q=0.5, gzip;q=0.8', BOTH, 'gzip'],
    ['br;q=0, gzip', BOTH, 'gzip'],
    ['br;q=0, gzip;q=0', BOTH, 'identity'],
    ['identity', BOTH, 'identity'],
    ['*', BOTH, 'br'],
    ['*;q=0.1, identity;q=0.5', BOTH, 'identity'],
    ['*;q=0', BOTH, 'identity'], // everything refused: identity anyway
    ['gzip;q=1.0, identity;q=1.0', BOTH, 'gzip'], // a compressed copy wins a tie with identity
    ['BR', BOTH, 'br'], // coding names are case-insensitive
    ['br', ['identity', 'gzip'], 'identity'], // no Brotli copy on disk
    ['br;q=0.9, gzip;q=1', ['identity', 'br'], 'br'],
    ['br;q=garbage, gzip;q=0.5', BOTH, 'br'], // a malformed weight is the default 1
  ];
  for (const [header, available, expected] of cases)
    it(`${JSON.stringify(header)} with ${available.join('/')} → ${expected}`, () => {
      assert.equal(negotiateEncoding(header, available), expected);
    });
});

describe('fileUnder', () => {
  it('maps folders to their index.html and refuses paths the static handler would not serve', () => {
    assert.equal(fileUnder('/site', '/'), '/site/index.html');
    assert.equal(fileUnder('/site', '/lessons/sse/'), '/site/lessons/sse/index.html');
    assert.equal(fileUnder('/site', '/_astro/a.js'), '/site/_astro/a.js');
    for (const bad of ['/../etc/passwd', '/a/./b.js', '//x.js', '/a%2e%2e/b', '/a\\b.js', '/a/..'])
      assert.equal(fileUnder('/site', bad), undefined, bad);
  });
});
