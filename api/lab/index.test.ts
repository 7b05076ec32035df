// The lab's entry point: what createLabBackend builds takes its limits from the configuration.
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { loadConfig } from '../config.ts';
import { asApiError, errorBody } from '../errors.ts';
import { PublishRateLimiter } from '../limits.ts';
import { MemoryStore } from '../log/memory-store.ts';
import { createMetrics } from '../metrics.ts';
import { createLabBackend, type LabBackend } from './index.ts';

const built: { lab: LabBackend; store: MemoryStore }[] = [];
afterEach(async () => {
  for (const { lab, store } of built.splice(0)) {
    lab.close();
    await store.close();
  }
});

function backend(env: Record<string, string>): { lab: LabBackend; store: MemoryStore } {
  const config = loadConfig(env);
  const store = new MemoryStore({ retention: config.RETENTION, idleMs: config.CHANNEL_IDLE_MS, maxChannels: 100 });
  const lab = createLabBackend(config, {
    store,
    metrics: createMetrics(),
    publishLimiter: new PublishRateLimiter(1000, 1000),
  });
  built.push({ lab, store });
  return { lab, store };
}

const id = (n: number) => n.toString(16).padStart(32, '0');
const socket = () => new Duplex({ read() {}, write: (_chunk, _encoding, done) => done() });

describe('createLabBackend: limits from the configuration', () => {
  it('LAB_MAX_ENTRIES and LAB_MAX_CONNECTIONS bound every lab', () => {
    const { lab } = backend({ LAB_MAX_ENTRIES: '10', LAB_MAX_CONNECTIONS: '2' });
    const one = lab.registry.open(id(1));
    for (let i = 0; i < 30; i++) one.record({ kind: 'note', conn: 1, technique: 'poll', text: `${i}` });
    const { entries, dropped } = one.wire(0);
    assert.deepEqual([entries.length, dropped], [10, 20]);
    for (let i = 0; i < 5; i++) one.connection(socket(), 'poll');
    assert.equal(one.stats().connections.length, 2);
  });

  it('LAB_MAX_IDS bounds the registry', () => {
    const { lab } = backend({ LAB_MAX_IDS: '2' });
    for (let n = 1; n <= 4; n++) lab.registry.open(id(n));
    assert.equal(lab.registry.size(), 2);
  });

  it('LAB_ACTIVE_MS: the tick reaches the labs used that recently, and not the others', async () => {
    const { lab, store } = backend({ LAB_ACTIVE_MS: '5000' });
    lab.registry.open(id(1));
    lab.registry.open(id(2)).lastUsed = Date.now() - 6000;
    await lab.tick();
    await lab.tick();
    assert.equal((await store.bounds(`lab-${id(1)}`)).head, 2);
    assert.equal((await store.bounds(`lab-${id(2)}`)).head, 0);
  });

  it('LAB_MAX_RACES: a race past it is 503 race_busy; a lab replacing its own race is not', async () => {
    const { lab } = backend({ LAB_MAX_RACES: '1' });
    const app = new Hono<{ Bindings: HttpBindings }>();
    lab.mount(app);
    app.onError((err, c) => {
      const e = asApiError(err)!;
      return c.json(errorBody(e.code, e.message), e.status as 503, e.headers);
    });
    const env = { incoming: { socket: { remoteAddress: '127.0.0.1' }, headers: {} }, outgoing: {} };
    const race = (lab: string) =>
      app.request(
        `/api/lab/${lab}/race`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ rate: 1, payloadBytes: 10, durationMs: 60_000 }),
        },
        env as unknown as HttpBindings,
      );
    assert.equal((await race(id(1))).status, 201);
    const busy = await race(id(2));
    assert.equal(busy.status, 503);
    assert.equal(((await busy.json()) as { error: { code: string } }).error.code, 'race_busy');
    assert.equal((await race(id(1))).status, 201);
  });
});
