// The promise of the course: whatever the technique, a client that is cut off and comes back with its
// cursor ends with every event exactly once, in order. Clients of every technique on one channel
// are disconnected at random while hundreds of events are published.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sleep } from '../helpers/clients.ts';
import { TECHNIQUES, audit, churnClient, seededRandom } from '../helpers/churn.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const CHANNEL = 'no-loss';
const TOTAL = 400;
let S: TestServer;
before(async () => {
  S = await startTestServer({ RETENTION: 1000 });
});
after(() => S.close());

it(`every technique, random disconnects, ${TOTAL} events: every seq exactly once, in order`, {
  timeout: 120_000,
}, async (t) => {
  // Seeded, so that a failure can be replayed.
  const random = seededRandom(42);
  const deadline = Date.now() + 90_000;
  const clients = TECHNIQUES.map((technique) =>
    churnClient(technique, {
      base: S.base,
      channel: CHANNEL,
      random,
      // Each client stops once it has the last event (or at the deadline, and then it fails below).
      stop: (r) => r.seqs[r.seqs.length - 1] === TOTAL || Date.now() > deadline,
    }),
  );
  for (let i = 1; i <= TOTAL; i++) {
    await S.running.store.append(CHANNEL, { i });
    await sleep(random() * 30);
  }
  const results = await Promise.all(clients);
  for (const r of results) {
    const a = audit(r.seqs, TOTAL);
    t.diagnostic(
      `${r.technique}: ${r.seqs.length} events across ${r.disconnects} disconnects; lost ${a.lost}, duplicated ${a.duplicated}`,
    );
    assert.ok(r.disconnects >= 3, `${r.technique} was disconnected ${r.disconnects} times`);
    assert.equal(r.resetsOrGaps, 0, `${r.technique} saw a reset or gap`);
    assert.deepEqual(a, { lost: 0, duplicated: 0, inOrder: true }, r.technique);
  }
});
