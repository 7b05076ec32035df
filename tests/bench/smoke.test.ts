// Runs `npm run bench`'s code at toy sizes (--smoke): every scenario, both baselines, the results file,
// the table and the charts. No timing is asserted (timing is not a test on a shared machine); what is
// asserted is what a reader of the results relies on: counts held, nothing lost, bytes that add up.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PLANS } from '../../bench/plan.ts';
import type { BenchResults } from '../../bench/report/results.ts';
import { baselineFor } from '../../bench/targets.ts';
import { TECHNIQUES, type Technique, technique } from '../../protocol/techniques.ts';
import { projectRoot } from '../helpers/server.ts';

const plan = PLANS.smoke;
const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
let results: BenchResults;
let stdout = '';

describe('npm run bench, at smoke size', () => {
  before(async () => {
    const child = spawn(process.execPath, ['bench/cli.ts', '--smoke', '--out', out], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stdout += b));
    const killer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    const [code] = await once(child, 'exit');
    clearTimeout(killer);
    assert.equal(code, 0, `bench exited with ${code}:\n${stdout}`);
    results = JSON.parse(readFileSync(join(out, 'latest-smoke.json'), 'utf8')) as BenchResults;
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('measures the techniques the registry says each scenario is for', () => {
    const ids = (keep: (t: Technique) => boolean) =>
      TECHNIQUES.filter(keep)
        .map((t) => t.id)
        .sort();
    const sorted = (list: readonly string[]) => [...list].sort();
    assert.deepEqual(
      sorted(plan.capacity.techniques),
      ids((t) => t.heldByServer),
    );
    assert.deepEqual(
      sorted(plan.fanout.techniques),
      ids((t) => t.heldByServer),
    );
    assert.deepEqual(
      sorted(plan.wire.techniques),
      ids(() => true),
    );
    assert.deepEqual(
      sorted(plan.churn.techniques),
      ids((t) => t.connection === 'persistent'),
    );
    assert.equal(technique(plan.polling.technique).connection, 'request-per-answer');
  });

  it('records the machine it ran on', () => {
    assert.equal(results.mode, 'smoke');
    assert.ok(results.machine.cpus >= 1);
    assert.match(results.machine.node, /^v24\./);
    assert.equal(results.machine.generators, plan.generators);
    assert.ok(
      results.machine.loadAverage && results.machine.loadAverage.start >= 0 && results.machine.loadAverage.end >= 0,
    );
  });

  it('holds every requested idle connection, for the project and its baseline, with no drop', () => {
    assert.equal(results.capacity.length, plan.capacity.techniques.length * 2);
    const last = plan.capacity.steps.at(-1)!;
    for (const c of results.capacity) {
      assert.deepEqual(
        c.steps.map((s) => s.connections),
        [...plan.capacity.steps],
        `${c.target} ${c.technique}`,
      );
      assert.equal(c.held, last, `${c.target} ${c.technique} held`);
      assert.equal(c.drops, 0, `${c.target} ${c.technique} drops: ${c.dropReasons.join('; ')}`);
      assert.equal(c.failedOpens, 0);
      // The project's own gauge agrees with the generators' count.
      if (c.target === 'project')
        assert.deepEqual(
          c.steps.map((s) => s.serverCount),
          [...plan.capacity.steps],
        );
      assert.ok(c.steps.every((s) => s.rss > 0 && s.heapUsed > 0));
    }
  });

  it('delivers every paced event to every subscriber, per technique, project and baseline', () => {
    assert.equal(results.fanout.length, plan.fanout.techniques.length * 2 * plan.fanout.subscribers.length);
    for (const f of results.fanout) {
      assert.equal(f.paced.expected, plan.fanout.pacedEvents * f.subscribers);
      assert.equal(f.paced.received, f.paced.expected, `${f.target} ${f.technique} lost events`);
      assert.equal(f.paced.latency.count, f.paced.expected);
      assert.ok(f.ramp.length >= 1 && f.ramp[0]!.published > 0);
    }
  });

  it('drives every request-rate scenario with wrk, project and bare in alternating rounds, CPU on both sides', () => {
    assert.deepEqual(
      (results.rates ?? []).map((r) => r.scenario),
      [...plan.rates.scenarios],
    );
    for (const r of results.rates ?? []) {
      const measured = r.runs.filter((x) => x.round > 0);
      assert.deepEqual(
        measured.map((x) => x.target).sort(),
        Array.from({ length: plan.rates.rounds }, () => ['bare-http', 'project'])
          .flat()
          .sort(),
      );
      for (const x of measured) {
        assert.equal(x.errors, 0, `${x.target} ${r.scenario}: ${x.errors} errors`);
        assert.ok(x.requests > 0);
        assert.ok(x.serverCpuMs > 0 && x.generatorCpuMs > 0, `${x.target} ${r.scenario}: CPU not read`);
      }
    }
    // Both sides answer the same bytes: an empty poll is 43 bytes of body, with the same headers.
    const poll = results.rates?.find((r) => r.scenario === 'poll');
    const per = (target: string) => {
      const x = poll!.runs.find((y) => y.round > 0 && y.target === target)!;
      return x.bytes / x.requests;
    };
    assert.ok(Math.abs(per('project') - per(baselineFor(plan.polling.technique))) <= 4, `${per('project')} vs bare`);
    assert.deepEqual(
      results.polling.map((p) => p.target),
      ['project', baselineFor(plan.polling.technique)],
    );
  });

  it('counts bytes on the wire that add up exactly to the framing arithmetic', () => {
    assert.equal(results.wire.length, plan.wire.payloads.length * (plan.wire.techniques.length * 2));
    for (const w of results.wire) {
      assert.equal(
        w.measured,
        w.expected,
        `${w.target} ${w.technique} ${w.payloadBytes} B: measured ${w.measured}, expected ${w.expected}`,
      );
      assert.equal(w.parts.payload, w.payloadBytes);
    }
    // RFC 6455 §5.2: past 125 bytes of payload the length takes 2 more bytes.
    const framed = results.wire.filter(
      (w) => technique(w.technique).wire === 'websocket-frames' && w.payloadBytes === 1024,
    );
    assert.ok(framed.length > 0, 'no WebSocket-frames technique measured at 1024 B');
    for (const w of framed) assert.equal(w.parts.framing, 4, `${w.target} ${w.technique}`);
  });

  it('churns the connections of every persistent technique without failures', () => {
    assert.equal(results.churn.length, plan.churn.techniques.length * 2);
    for (const c of results.churn) {
      assert.equal(c.failed, 0, c.firstError);
      assert.ok(c.completed > 0);
    }
  });

  it('prints the table with ratios and writes one well-formed SVG per figure', () => {
    assert.match(stdout, /ratio = project \/ bare baseline/);
    assert.match(stdout, /RSS per idle connection/);
    const charts = readdirSync(join(out, 'charts-smoke')).sort();
    assert.deepEqual(charts, [
      'capacity-memory.svg',
      'churn.svg',
      'fanout-latency.svg',
      `fanout-ramp-${plan.fanout.subscribers[0]}.svg`,
      'polling-latency.svg',
      'wire-bytes.svg',
    ]);
    for (const name of charts) {
      const svg = readFileSync(join(out, 'charts-smoke', name), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*role="img"/);
      assert.match(svg, /<title id="[^"]+">[^<]+<\/title>/);
      assert.equal(svg.match(/<svg/g)?.length, 1);
      assert.ok(svg.trimEnd().endsWith('</svg>'));
      assert.doesNotMatch(svg, /NaN|undefined/);
    }
  });
});
