// The arithmetic the benchmark's figures rest on: percentiles from merged histograms, slopes, framing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chunkFramingBytes, payloadOf, webSocketHeaderBytes } from '../../bench/loadgen/wire.ts';
import { Histogram, ratio, slope } from '../../bench/stats.ts';

describe('bench statistics', () => {
  it('gives percentiles within 1 % of the exact ones, also after merging', () => {
    const a = new Histogram();
    const b = new Histogram();
    for (let i = 1; i <= 10_000; i++) (i % 2 ? a : b).record(i / 10);
    const merged = Histogram.from(a.toJSON()).merge(b.toJSON());
    assert.equal(merged.count, 10_000);
    assert.equal(merged.max, 1000);
    for (const [p, exact] of [
      [50, 500],
      [99, 990],
    ] as const) {
      const got = merged.percentile(p);
      assert.ok(Math.abs(got - exact) / exact <= 0.01, `p${p}: ${got} vs ${exact}`);
    }
    assert.ok(Number.isNaN(new Histogram().percentile(99)));
  });

  it('fits memory per connection as a slope over all steps', () => {
    assert.equal(
      slope([
        [0, 100],
        [1000, 5100],
        [2000, 10_100],
      ]),
      5,
    );
    assert.ok(Number.isNaN(slope([[5, 1]])));
    assert.equal(ratio(3, 2), 1.5);
    assert.ok(Number.isNaN(ratio(3, 0)));
  });

  it('frames like RFC 6455 §5.2 and HTTP/1.1 chunked coding', () => {
    assert.equal(webSocketHeaderBytes(125), 2);
    assert.equal(webSocketHeaderBytes(126), 4);
    assert.equal(webSocketHeaderBytes(65_535), 4);
    assert.equal(webSocketHeaderBytes(65_536), 10);
    // "1a\r\n" + 26 bytes + "\r\n"
    assert.equal(chunkFramingBytes(26), 6);
    assert.equal(chunkFramingBytes(4096), 8); // "1000\r\n" … "\r\n"
    assert.equal(JSON.stringify(payloadOf(100)).length, 100);
  });
});
