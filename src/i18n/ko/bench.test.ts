// The Korean benchmark words are whole, Korean, in the register and with the terms of ./terms.ts:
// every string, and every function called with sample arguments (each branch it has). What the report
// makes of them for the committed runs is tests/bench/report-ko.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Machine } from '../../../bench/report/results.ts';
import { TECHNIQUE_IDS } from '../../../protocol/techniques.ts';
import { t } from '../catalogue.ts';
import type { Rich } from '../en/bench.ts';
import { benchStrings as ko, machineNote } from './bench.ts';
import { techniqueStrings } from './techniques.ts';
import { findRegisterViolations, findTermViolations } from './terms.ts';

const HANGUL = /[가-힣]/;
/** Every string leaf of a catalogue, by its path. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}
/** Strings that are the same in both languages on purpose: units, percentiles, and SSE, whose Korean name is SSE. */
const SAME = new Set([
  'charts.fanoutRamp.limit',
  'charts.capacity.yLabel',
  'percentile(p50)',
  'percentile(p99)',
  'techniqueName(sse)',
]);

const pinned: Machine = {
  cpus: 2,
  cpuModel: 'Intel(R) Xeon(R) Processor',
  memoryGiB: 24,
  node: 'v24.21.0',
  os: 'Linux 6.18.44 x64',
  generators: 4,
  note: 'wrk for request rates, 4 Node generator processes to hold idle connections (2 for fan-out, 2 for churn) and the publisher, over loopback; the server pinned to CPU 0, every generator to CPU 1',
  loadAverage: { start: 0.33, end: 3.4 },
  pinning: { server: '0', generators: '1' },
};
const shared: Machine = {
  ...pinned,
  note: 'server, the load generator processes (4 to hold idle connections, 2 for fan-out, 2 for churn, 1 for polling) and the publisher share these 2 cores over loopback',
  loadAverage: undefined,
  pinning: undefined,
};
const unknownNote: Machine = { ...shared, note: 'a form of note this file has never seen' };
const text = (rich: Rich) => rich.map((p) => (typeof p === 'string' ? p : p.code)).join('');

/** Every function of the area called with sample arguments, each branch once: [path, output]. */
function outputs(): [string, string][] {
  const f = ko.figures;
  const tg = ko.targets;
  const c = ko.charts;
  const p = ko.page;
  return [
    ...TECHNIQUE_IDS.map((id) => [`techniqueName(${id})`, ko.techniqueName(id)] as [string, string]),
    ...(['p50', 'p99', 'max'] as const).flatMap((k): [string, string][] => [
      [`percentile(${k})`, ko.percentile(k)],
      [`figures.fanoutLatency(${k})`, f.fanoutLatency('10,000', k)],
      [`figures.pollLatency(${k})`, f.pollLatency(k, f.clients(50))],
    ]),
    ['figures.fanoutDeliveries', f.fanoutDeliveries('1,000', 100)],
    ['figures.fanoutCpu', f.fanoutCpu('1,000')],
    ['figures.pollRate', f.pollRate(f.clients(50))],
    ['figures.wireBytes', f.wireBytes(64)],
    ['figures.rateAnswers', f.rateAnswers(ko.techniqueName('poll'), 50, 3)],
    ['figures.rateCpuPerAnswer', f.rateCpuPerAnswer(ko.staticSite.inFigure)],
    ['figures.rateCpuShare(server)', f.rateCpuShare(ko.techniqueName('long-poll'), 'server')],
    ['figures.rateCpuShare(wrk)', f.rateCpuShare(ko.techniqueName('long-poll'), 'wrk')],
    ['figures.rateErrors', f.rateErrors(ko.techniqueName('sse'))],
    ['targets.held', tg.held('15,000')],
    ['targets.atMostTimesBaseline', tg.atMostTimesBaseline(1.2)],
    ['targets.atLeastTimesBaseline', tg.atLeastTimesBaseline(0.85)],
    ['targets.belowMs', tg.belowMs(100)],
    ['targets.poll', tg.poll(25)],
    ['targets.allMatch', tg.allMatch(10, 10)],
    ...(['project', 'bare-ws', 'bare-http'] as const).flatMap((s): [string, string][] => [
      [`charts.server(${s})`, c.server(s)],
      [`charts.line(${s})`, c.line(ko.techniqueName('websocket'), c.server(s))],
      [`page.wire.server(${s})`, p.wire.server(s)],
    ]),
    ['charts.fanoutRamp.title', c.fanoutRamp.title('10,000')],
    ['charts.fanoutRamp.desc', c.fanoutRamp.desc(10000)],
    ['charts.polling.title', c.polling.title(50)],
    ['charts.polling.barName', c.polling.barName(c.server('project'), '35,881')],
    ['page.techniqueCell', p.techniqueCell('websocket', ko.techniqueName('websocket'))],
    ...[true, false].flatMap((withRatio): [string, string][] => [
      [
        `page.targets.line(${withRatio})`,
        p.targets.line({
          technique: ko.techniqueName('sse'),
          figure: f.rssPerIdle,
          value: '3.1 KiB',
          ...(withRatio ? { ratio: '1.05×' } : {}),
          target: tg.atMostTimesBaseline(1.2),
        }),
      ],
      [`page.history.cell(${withRatio}, met)`, p.history.cell('3.1 KiB', withRatio ? '1.05×' : undefined, true)],
      [`page.history.cell(${withRatio}, not met)`, p.history.cell('3.1 KiB', withRatio ? '1.05×' : undefined, false)],
    ]),
    ['page.history.load', p.history.load(0.33, 3.4)],
    ...[pinned, shared, unknownNote].flatMap((m, i): [string, string][] => [
      [`machineNote(${i})`, machineNote(m)],
      [
        `page.meta(${i})`,
        text(
          p.meta({ command: 'npm run bench', when: '2026-12-02 00:39', seconds: 512, machine: m, hasRates: i === 0 }),
        ),
      ],
    ]),
  ];
}

/** The words of a Korean string that are not Korean: Latin words other than identifiers, units and acronyms. */
const ALLOWED =
  /^(SSE|RSS|GC|CPU|TCP|HTTP|JSON|wrk|Node|keep-alive|fetch|p50|p99|ms|s|KiB|MiB|GiB|B|UTC|ws|http|node:http|N|c\d+|npm|run|bench|Intel|R|Xeon|Processor|Linux|x64|v24)$/;
const english = (s: string) =>
  (s.match(/[A-Za-z][A-Za-z0-9]*(?:[:-][A-Za-z0-9]+)*/g) ?? []).filter((w) => !ALLOWED.test(w));

describe('the Korean benchmark words', () => {
  it("has every string of the English area (the catalogue's shape check, repeated here)", () => {
    assert.deepEqual(
      leaves(ko).map(([path]) => path),
      leaves(t('en').bench).map(([path]) => path),
    );
    assert.equal(t('ko').bench, ko);
  });

  it('every string and every output is Korean, beside identifiers, units and acronyms', () => {
    for (const [path, s] of [...leaves(ko), ...outputs()]) {
      if (!SAME.has(path)) assert.match(s, HANGUL, `${path} is not Korean: ${s}`);
      assert.deepEqual(english(s), [], `${path} has English words: ${s}`);
    }
  });

  it('uses the terms of terms.ts and 해라체, nowhere another form or register', () => {
    for (const [path, s] of [...leaves(ko), ...outputs()]) {
      assert.deepEqual(findTermViolations(s), [], `${path}: ${s}`);
      assert.deepEqual(findRegisterViolations(s), [], `${path}: ${s}`);
    }
  });

  it("names a technique as the Korean technique strings do (웹소켓, 숏 폴링), never the registry's English", () => {
    for (const id of TECHNIQUE_IDS) assert.equal(ko.techniqueName(id), techniqueStrings[id].inProse);
    assert.equal(ko.techniqueName('websocket'), '웹소켓');
  });

  it('reads the machine note back in Korean: the counts, the pinning, or the shared cores', () => {
    assert.equal(
      machineNote(pinned),
      '요청 속도는 wrk로 쟀다. 유휴 연결은 Node 부하 생성 프로세스 4개가 붙잡아 두었고(팬아웃에는 2개, 연결 교체에는 2개), 생성기와 발행자는 루프백으로 서버에 연결했다. 서버는 CPU 0번, 생성기는 모두 CPU 1번에 고정했다.',
    );
    assert.match(machineNote(shared), /폴링에는 1개\), .*서버와 생성기는 이 코어 2개를 나눠 썼다\.$/);
    assert.doesNotMatch(machineNote(unknownNote), /\(/);
  });
});
