import assert from 'node:assert/strict';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { LabRegistry, type LabRegistryOptions } from './registry.ts';
import { requestHead } from './tap.ts';

const registries: LabRegistry[] = [];
function registry(opts: Partial<LabRegistryOptions> = {}): LabRegistry {
  const r = new LabRegistry({
    maxLabs: 3,
    idleMs: 1000,
    captureBytes: 4096,
    maxEntries: 50,
    maxConnections: 5,
    ...opts,
  });
  registries.push(r);
  return r;
}
afterEach(() => {
  for (const r of registries.splice(0)) r.close();
});

const id = (n: number) => n.toString(16).padStart(32, '0');
const note = (text: string) => ({ kind: 'note' as const, conn: 1, technique: 'poll' as const, text });

describe('Lab: bounded per lab', () => {
  it('keeps the newest entries within the byte budget and says how many it dropped', () => {
    const lab = registry({ captureBytes: 4096 }).open(id(1));
    for (let i = 0; i < 100; i++) lab.record(note('x'.repeat(200) + i));
    const { entries, next, dropped } = lab.wire(0);
    assert.equal(next, 100);
    assert.equal(entries.length + dropped, 100);
    assert.ok(entries.length < 100 && entries.length > 5, `${entries.length} kept`);
    assert.equal(entries.at(-1)!.n, 100, 'the newest is kept');
    assert.deepEqual(
      lab.wire(98).entries.map((e) => e.n),
      [99, 100],
      '?after= gives only what is new',
    );
  });

  it('keeps at most maxEntries, however small', () => {
    const lab = registry({ maxEntries: 50, captureBytes: 1_000_000 }).open(id(1));
    for (let i = 0; i < 80; i++) lab.record(note(''));
    assert.equal(lab.wire(0).entries.length, 50);
  });

  it('an armed cut drops the next connection within 10 s (and a resend right after it), then expires', () => {
    let now = 0;
    const lab = registry({ now: () => now }).open(id(1));
    assert.deepEqual(lab.cut(), { dropped: 0, armed: true });
    now = 5000;
    assert.equal(lab.takeCut(), 'armed');
    now = 5100;
    assert.equal(lab.takeCut(), 'resend', "the browser's own resend, a moment later");
    now = 5500;
    assert.equal(lab.takeCut(), null, "the client's own retry, later, goes through");
    lab.cut();
    now = 15_501;
    assert.equal(lab.takeCut(), null, 'a stale cut does not linger');
  });
});

describe('Lab: dropped by the registry', () => {
  it('records and counts nothing more, and its publisher stops', () => {
    const r = registry({ maxLabs: 1 });
    const lab = r.open(id(1));
    let stopped = 0;
    lab.channel.publisher = { quietsTicker: true, stop: () => void stopped++ };
    lab.record(note('before'));
    const stats = lab.connection(new Socket(), 'poll');
    r.open(id(2));
    lab.record(note('after'));
    lab.count(stats, 'down', { payload: 10 });
    assert.equal(lab.wire(0).next, 1, 'nothing recorded after the drop');
    assert.equal(lab.stats().connections[0]!.down.payload, 0, 'nothing counted after the drop');
    assert.deepEqual([lab.closed, stopped, lab.channel.publisher], [true, 1, null]);
  });
});

describe('LabRegistry: bounded in number of labs', () => {
  it('drops the least recently used lab past maxLabs and stops its capture', () => {
    const r = registry({ maxLabs: 3 });
    const first = r.open(id(1));
    r.open(id(2));
    r.open(id(3));
    r.open(id(1)); // used again: now the most recent
    r.open(id(4));
    assert.equal(r.size(), 3);
    assert.equal(r.get(id(2)), undefined, 'the least recently used went');
    assert.equal(r.get(id(1)), first);
    const gone = r.open(id(5)) && r.get(id(3));
    assert.equal(gone, undefined);
  });

  it('sweeps labs idle for idleMs; a recently used one ticks, an idle one does not', () => {
    let now = 0;
    const r = registry({ idleMs: 1000, now: () => now });
    r.open(id(1));
    now = 500;
    r.open(id(2));
    assert.deepEqual(
      r.active(300).map((l) => l.id),
      [id(2)],
    );
    now = 1200;
    assert.equal(r.sweepIdle(), 1);
    assert.deepEqual([r.get(id(1)), r.get(id(2))?.id], [undefined, id(2)]);
  });
});

describe('requestHead', () => {
  it('rebuilds the head from the raw headers, counting credentials without storing them', () => {
    const req = new IncomingMessage(new Socket());
    req.method = 'GET';
    req.url = '/api/channels/x/poll?after=1';
    req.httpVersion = '1.1';
    req.rawHeaders = ['Host', 'h', 'Cookie', 'session=secret'];
    const head = requestHead(req);
    assert.equal(
      head.text,
      'GET /api/channels/x/poll?after=1 HTTP/1.1\r\nHost: h\r\nCookie: [14 bytes, not shown]\r\n\r\n',
    );
    assert.equal(
      head.bytes,
      Buffer.byteLength('GET /api/channels/x/poll?after=1 HTTP/1.1\r\nHost: h\r\nCookie: session=secret\r\n\r\n'),
    );
  });
});
