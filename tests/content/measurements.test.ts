// The browser measurements the lessons quote (content/measurements/, written by `npm run measure`):
// every console example of content/snippets/ has a run, of the code as it is now (a snippet edited
// since fails here and in the build); each run and the recorded race say where they were measured; and
// the figures the lessons explain hold against what the standards say (bufferedAmount is the message's
// UTF-8 length, with no framing).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TECHNIQUE_IDS } from '../../protocol/techniques.ts';
import { CONSOLE, RACE } from '../../src/lib/measurements.ts';
import { projectRoot } from '../helpers/server.ts';

const SNIPPETS = join(projectRoot, 'content', 'snippets');
const snippets = readdirSync(SNIPPETS).filter((f) => f.endsWith('.js'));

describe('content/measurements/console.json', () => {
  it('was measured in Chromium, and says on what machine', () => {
    assert.match(CONSOLE.browser, /^Chromium \d+\./);
    assert.ok(CONSOLE.machine.cpus > 0 && CONSOLE.machine.cpuModel && CONSOLE.measuredAt);
  });

  for (const file of snippets)
    it(`${file}: run as it is now, and something printed`, () => {
      const run = CONSOLE.snippets[file];
      assert.ok(run, `no run of content/snippets/${file}: run npm run measure -- --console-only`);
      const code = readFileSync(join(SNIPPETS, file), 'utf8');
      assert.equal(
        run.sha256,
        createHash('sha256').update(code).digest('hex'),
        `content/snippets/${file} changed since its run: run npm run measure -- --console-only`,
      );
      assert.ok(run.printed.length > 0, 'it printed nothing');
    });

  it('has no run of a snippet that is gone', () => {
    assert.deepEqual(Object.keys(CONSOLE.snippets).sort(), [...snippets].sort());
  });

  it('bufferedAmount after send() is the message in UTF-8, no framing, and 0 once sent (WHATWG WebSockets)', () => {
    const [queued, later] = CONSOLE.snippets['websocket-buffered-amount.js']!.printed;
    const message = JSON.stringify({ type: 'publish', data: 'x'.repeat(3000) });
    assert.equal(Number(queued), Buffer.byteLength(message));
    assert.equal(Number(later), 0);
  });

  it('send() while CONNECTING throws InvalidStateError (WHATWG WebSockets, send() step 1)', () => {
    const [state, thrown] = CONSOLE.snippets['websocket-send-connecting.js']!.printed;
    assert.equal(state, '0');
    assert.match(thrown!, /^InvalidStateError - /);
  });
});

describe('content/measurements/race.json', () => {
  it('is a race of the comparison lesson in Chromium, with a cut, on a machine it describes', () => {
    assert.match(RACE.browser, /^Chromium \d+\./);
    assert.equal(RACE.run.format, 'realtime-lab-race/2');
    assert.ok(
      RACE.run.faults.some((f) => f.kind === 'cut'),
      'a cut, so that error handling is measured',
    );
    assert.ok(RACE.machine.cpus > 0 && RACE.machine.loadAverage1m.before >= 0);
    for (const t of TECHNIQUE_IDS) {
      const x = RACE.run.techniques[t];
      assert.ok(x && x.delivered > 0, `${t} delivered events`);
      assert.equal(x.lostSilently, 0, `${t}: nothing lost`);
      assert.equal(x.duplicates, 0, `${t}: nothing repeated`);
    }
  });
});
