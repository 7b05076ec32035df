// Fault injection and the lab API's edges against a real server: a cut drops only the learner's own
// connections, a restart resets only the learner's private channel, a provoked gap is reported as one,
// bad input gets JSON errors, and the number of labs held stays bounded.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SseReader, openWs, publish, request, sleep, waitFor } from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let S: TestServer;
before(async () => {
  S = await startTestServer({ TICK_MS: 200, RETENTION: 20, LAB_MAX_IDS: 10 });
});
after(() => S.close());

const newLab = () => randomBytes(16).toString('hex');
const post = (path: string) => request(S.base, path, { method: 'POST' });
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error(`timed out waiting for ${what}`);
}
/** After a cut the lab's connections are refused for 300 ms (a browser's own resend of a cut GET). */
const afterResendWindow = () => sleep(400);
const connections = async (lab: string) => (await request(S.base, `/api/lab/${lab}/connections`)).json;

describe("cut: the learner's own connections only", () => {
  it("drops a lab's SSE stream and WebSocket, and leaves another lab's and untagged ones open", async () => {
    const [mine, theirs] = [newLab(), newLab()];
    const mySse = new SseReader(S.base, `/api/channels/lab-${mine}/sse?lab=${mine}`);
    const myWs = openWs(S.base, `/api/channels/lab-${mine}/ws?lab=${mine}`);
    const theirSse = new SseReader(S.base, `/api/channels/lab-${theirs}/sse?lab=${theirs}`);
    const untagged = new SseReader(S.base, `/api/channels/lab-${mine}/sse`);
    await Promise.all([mySse.opened, myWs.opened, theirSse.opened, untagged.opened]);
    await waitFor(() => untagged.messages().length > 0, 3000, 'the lab channel ticking');

    const cut = await post(`/api/lab/${mine}/cut`);
    assert.equal(cut.status, 200);
    assert.deepEqual(cut.json, { dropped: 2, armed: false });
    await waitFor(() => mySse.ended, 2000, 'my stream to end');
    assert.equal((await myWs.closed).code, 1006, 'no close frame: the TCP connection just went away');

    const seen = untagged.messages().length;
    await waitFor(() => untagged.messages().length > seen, 3000, 'the untagged stream to carry on');
    assert.equal(theirSse.ended, false);
    assert.equal(untagged.ended, false);
    theirSse.close();
    untagged.close();
  });

  it('cuts a held long-poll; asking again from the same cursor loses nothing', async () => {
    const lab = newLab();
    // A quiet channel (a lab may tag any channel), so nothing but the cut ends the hold.
    const channel = `quiet-${lab.slice(0, 12)}`;
    const first = (await request(S.base, `/api/channels/${channel}/poll`)).json;
    const holding = request(
      S.base,
      `/api/channels/${channel}/long-poll?after=${first.cursor}&epoch=${first.epoch}&timeout=20000&lab=${lab}`,
    ).then(
      (r) => `answered ${r.status}`,
      (err: Error) => err.message,
    );
    await eventually(async () => (await connections(lab)).live === 1, 'the long-poll to be held');
    assert.deepEqual((await post(`/api/lab/${lab}/cut`)).json, { dropped: 1, armed: false });
    assert.match(await holding, /socket hang up|ECONNRESET/, 'the held request ends without an answer');
    await publish(S.base, channel, 'published after the cut');
    await afterResendWindow();
    const again = (
      await request(
        S.base,
        `/api/channels/${channel}/long-poll?after=${first.cursor}&epoch=${first.epoch}&timeout=5000&lab=${lab}`,
      )
    ).json;
    assert.deepEqual(
      again.events.map((e: { seq: number; data: unknown }) => [e.seq, e.data]),
      [[1, 'published after the cut']],
    );
  });

  it('with nothing in flight, arms a cut that drops the next request (and a resend right after it) only', async () => {
    const lab = newLab();
    await request(S.base, `/api/channels/lab-${lab}/poll?lab=${lab}`);
    const cut = await post(`/api/lab/${lab}/cut`);
    assert.deepEqual(cut.json, { dropped: 0, armed: true });
    await assert.rejects(request(S.base, `/api/channels/lab-${lab}/poll?lab=${lab}`), /socket hang up|ECONNRESET/);
    await assert.rejects(
      request(S.base, `/api/channels/lab-${lab}/poll?lab=${lab}`),
      /socket hang up|ECONNRESET/,
      'a resend at once is dropped too',
    );
    await afterResendWindow();
    const next = await request(S.base, `/api/channels/lab-${lab}/poll?lab=${lab}`);
    assert.equal(next.status, 200, 'a retry after the window goes through');
    const other = await request(S.base, `/api/channels/lab-${lab}/poll`);
    assert.equal(other.status, 200);
    const { entries } = (await request(S.base, `/api/lab/${lab}/wire`)).json;
    const notes = entries
      .filter((e: any) => e.kind === 'note' && /cut by the server/.test(e.text))
      .map((e: any) => e.text);
    assert.equal(notes.length, 2, 'the capture shows both drops');
    assert.match(notes[1], /resent the request/);
  });
});

describe("restart: the learner's private channel only", () => {
  it("changes the epoch of lab-<id>, not the ticker's or another lab's; a poll from the old epoch is told to reset", async () => {
    const [lab, other] = [newLab(), newLab()];
    // A history to lose: a cursor with nothing in it (after=0 on a log nobody published to) has nothing
    // to lose, and is not told to reset (docs/api-contract.md, "Nothing yet").
    await request(S.base, `/api/channels/lab-${lab}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"data":"before the restart"}',
    });
    const before = (await request(S.base, `/api/channels/lab-${lab}/poll?after=0&lab=${lab}`)).json;
    assert.equal(before.cursor, 1);
    const otherBefore = (await request(S.base, `/api/channels/lab-${other}/poll?lab=${other}`)).json;
    const tickerBefore = (await request(S.base, '/api/channels/ticker/poll')).json;

    const restart = await post(`/api/lab/${lab}/restart`);
    assert.equal(restart.status, 200);
    assert.equal(restart.json.channel, `lab-${lab}`);
    assert.notEqual(restart.json.epoch, before.epoch);

    assert.equal(
      (await request(S.base, '/api/channels/ticker/poll')).json.epoch,
      tickerBefore.epoch,
      'ticker untouched',
    );
    // The other lab's own tick may have made its first event meanwhile (the empty log then gets its
    // epoch): what must not happen is a reset of that lab's cursor.
    const otherAfter = (
      await request(
        S.base,
        `/api/channels/lab-${other}/poll?after=${otherBefore.cursor}&epoch=${encodeURIComponent(otherBefore.epoch)}`,
      )
    ).json;
    assert.equal(otherAfter.reset, undefined, 'another lab untouched');
    assert.equal(otherAfter.missed, undefined, 'another lab untouched');
    // The armed cut (nothing was in flight) drops the first request after the restart, as a real one would.
    await request(S.base, `/api/channels/lab-${lab}/poll?lab=${lab}`).catch(() => undefined);
    await afterResendWindow();
    const after = (
      await request(S.base, `/api/channels/lab-${lab}/poll?after=${before.cursor}&epoch=${before.epoch}&lab=${lab}`)
    ).json;
    assert.equal(after.reset, true);
    assert.equal(after.epoch, restart.json.epoch);
  });

  it('a follower the restart did not cut (untagged WebSocket) is told to reset in-stream, then gets the new history', async () => {
    const lab = newLab();
    await publish(S.base, `lab-${lab}`, 'old');
    const ws = openWs(S.base, `/api/channels/lab-${lab}/ws?after=0`);
    await ws.opened;
    await waitFor(() => ws.seqs().length >= 1);
    const restart = await post(`/api/lab/${lab}/restart`);
    await publish(S.base, `lab-${lab}`, 'new');
    await waitFor(() => ws.of('event').some((m) => m.data === 'new'), 3000, 'the new history');
    const afterReset = ws.msgs.slice(ws.msgs.findIndex((m) => m.type === 'reset'));
    assert.deepEqual(afterReset[0], { type: 'reset', epoch: restart.json.epoch });
    assert.equal(afterReset.find((m) => m.type === 'event').seq, 1, 'the new history starts at 1');
    ws.ws.close();
  });
});

describe('gap: more published while away than the server retains', () => {
  it('a client coming back with its cursor is told how many it missed', async () => {
    const lab = newLab();
    const first = (await request(S.base, `/api/channels/lab-${lab}/poll?lab=${lab}`)).json;
    const gap = await post(`/api/lab/${lab}/gap`);
    assert.equal(gap.status, 200);
    assert.equal(gap.json.published, 25, 'RETENTION (20) + 5');
    await request(S.base, `/api/channels/lab-${lab}/poll?lab=${lab}`).catch(() => undefined); // the armed cut
    await afterResendWindow();
    const back = (
      await request(S.base, `/api/channels/lab-${lab}/poll?after=${first.cursor}&epoch=${first.epoch}&lab=${lab}`)
    ).json;
    assert.ok(back.missed >= 5, `missed ${back.missed}`);
    assert.equal(back.events[0].seq, first.cursor + back.missed + 1, 'delivery resumes at the oldest retained event');
  });
});

describe('lab API errors and bounds', () => {
  it('a malformed lab id is a 400 JSON error everywhere, before any upgrade', async () => {
    for (const [method, path] of [
      ['GET', '/api/lab/XYZ/wire'],
      ['POST', '/api/lab/123/cut'],
      ['GET', '/api/channels/demo/poll?lab=../../x'],
      ['GET', '/api/channels/demo/sse?lab='],
    ]) {
      const r = await request(S.base, path!, { method });
      assert.equal(r.status, 400, `${method} ${path}`);
      assert.equal(r.json.error.code, 'invalid_lab_id');
      assert.match(r.json.error.message, /32 lowercase hex digits/);
    }
    const ws = openWs(S.base, '/api/channels/demo/ws?lab=nope');
    await assert.rejects(ws.opened, /400/);
    assert.equal((await request(S.base, '/api/health')).status, 200, 'the server keeps serving');
  });

  it('405 with Allow for a wrong method, 400 for a bad cursor, an empty capture for an id never used', async () => {
    const lab = newLab();
    const wrong = await request(S.base, `/api/lab/${lab}/restart`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.allow, 'POST');
    const bad = await request(S.base, `/api/lab/${lab}/wire?after=1e3`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_cursor');
    assert.deepEqual((await request(S.base, `/api/lab/${lab}/wire`)).json, { entries: [], next: 0, dropped: 0 });
    assert.equal((await connections(lab)).connections.length, 0);
  });

  it('holds at most LAB_MAX_IDS labs however many ids clients invent', async () => {
    const labs = Array.from({ length: 30 }, newLab);
    for (const lab of labs) await request(S.base, `/api/channels/lab-${lab}/poll?lab=${lab}`);
    assert.ok(S.running.deps.labs.size() <= 10, `${S.running.deps.labs.size()} labs held`);
    assert.deepEqual(
      (await request(S.base, `/api/lab/${labs[0]}/wire`)).json.entries,
      [],
      'the least recently used went first',
    );
    assert.ok((await request(S.base, `/api/lab/${labs[29]}/wire`)).json.entries.length > 0, 'the newest is kept');
  });
});

describe('fault injection is rate limited', () => {
  it('past the publish rate and burst of an address, a fault gets 429 with Retry-After, and the server keeps serving', async () => {
    const limited = await startTestServer({ PUBLISH_RATE_PER_SEC: 2, PUBLISH_BURST: 1 });
    try {
      const lab = newLab();
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await request(limited.base, `/api/lab/${lab}/cut`, { method: 'POST' }));
      const refused = answers.filter((r) => r.status === 429);
      assert.ok(refused.length > 0, `statuses ${answers.map((r) => r.status)}`);
      assert.equal(refused[0]!.json.error.code, 'rate_limited');
      assert.match(String(refused[0]!.headers['retry-after']), /^\d+$/);
      assert.equal((await request(limited.base, '/api/health')).status, 200);
    } finally {
      await limited.close();
    }
  });
});
