// The Korean widget strings are whole, Korean, in the register and with the terms of ./terms.ts:
// every string, and every function called with sample arguments (each branch it has), is checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { t } from '../catalogue.ts';
import { LOCALES } from '../locales.ts';
import { findRegisterViolations, findTermViolations } from './terms.ts';

/** The Korean widget areas (one line each in the catalogue). */
const AREAS = Object.keys(t('en')).filter((k) => k.startsWith('widgets')) as (keyof ReturnType<typeof t>)[];

/** Arguments to call each function with, by area and path; a function not listed gets numbers. */
const WIDGET_SAMPLES: Record<string, unknown[][]> = {
  'common.labError': [
    ['The server could not be reached (is it running?).', undefined],
    ['No such lab', 404],
  ],
  'common.stopped': [
    [{ code: 'refused', status: 404 }, 'English detail'],
    [{ code: 'told-to-stop' }, 'English detail'],
    [{ code: 'stream-refused' }, 'English detail'],
    [{ code: 'stream-failed' }, 'English detail'],
    [{ code: 'no-socket', tries: 8 }, 'English detail'],
    [undefined, 'English detail'],
  ],
  'common.publishFailed': [
    ['not-open', 'The WebSocket is not open right now.'],
    ['no-ack', 'No acknowledgement from the server within 10 s.'],
    ['closed', 'The connection closed before the server acknowledged the message.'],
    ['refused', 'The server refused the message.'],
  ],
  'demo.aria': [['웹소켓']],
  'demo.liveOver': [['롱 폴링']],
  'demo.gaveUp': [['서버가 멈췄다.', '그래서 멈췄다.']],
  'demo.gapAnnounced': [
    [5, true, ' = 발행 12개 − 보존 10개 + 그사이 발행된 이벤트 3개', 0, 0],
    [5, false, '', 1, 2],
  ],
  'demo.connectionLost': [[true], [false]],
  'demo.recovered': [['1.5', 0, 1]],
  'demo.faultFailed': [['서버의 응답: 상태 코드 404.']],
  'demo.notSent': [['지금은 웹소켓 연결이 열려 있지 않다.']],
  'timeline.markLine': [['갭', '서버에 따르면 이벤트 3개가 전달되기 전에 밀려났다']],
  'timeline.request.line': [[3, '보냄', '12ms']],
  'timeline.linkEnded': [
    [true, '2.5'],
    [false, '0.4'],
  ],
  'timeline.event': [
    [7, 'ok'],
    [7, 'duplicate'],
    [7, 'loss'],
  ],
  'inspector.readFailed': [['서버의 응답: 상태 코드 500.']],
};

const LAB_SAMPLES: Record<string, unknown[][]> = {
  'twoWay.listLabel': [['websocket'], ['sse']],
  'twoWay.you': [['tab-1a2b']],
  'twoWay.sentBy': [['websocket'], ['post']],
  'twoWay.inputLabel': [['websocket'], ['sse']],
  'twoWay.send': [['websocket'], ['sse']],
  'twoWay.notSent': [['지금은 웹소켓 연결이 열려 있지 않다.']],
  'twoWay.postRefused': [[503, 'The channel is full.']],
  'twoWay.error': [['연결에 실패했다.']],
  'connectionLimit.someStalled': [
    [6, 7, 1, '그 뒤에 줄 선 fetch 요청은 아직 기다리는 중이다.'],
    [4, 8, 4, '그 뒤에 보낸 fetch 요청은 12ms 만에 끝났다.'],
  ],
  'connectionLimit.noneStalled': [[7, 'h2', '그 뒤에 보낸 fetch 요청은 12ms 만에 끝났다.']],
};

const RACE_SAMPLES: Record<string, unknown[][]> = {
  'race.chartSummary': [
    [
      120,
      [
        ['숏 폴링', '512'],
        ['웹소켓', '3.2'],
      ],
    ],
  ],
  'race.progress': [['3.2', '10초', 16, 50]],
  'race.thisRun': [['+1.25', '0.80', '0.40']],
  'evidence.plural': [[3, '요청']],
  'summary.title': [['2026-12-02 05:20']],
  'verdicts.source': [
    ['MDN compatibility data'],
    ['WHATWG HTML, server-sent events'],
    ['WHATWG WebSockets'],
    ['RFC 6455 §5'],
  ],
  'summary.fault': [
    ['cut', '3.2'],
    ['restart', '6.0'],
  ],
  'summary.settings': [['초당 이벤트 5개', '10초', '100 B', '1초', '장애 없음']],
  'summary.clock': [[50, '+1.2', '0.4', 8]],
  'summary.ms': [[12.34], [null]],
  'summary.technique': [
    ['숏 폴링', ['480.0ms', '900.0ms', '1000.0ms'], 12, 4, 3, 334, 50, 0, 0, 0],
    ['웹소켓', ['0.6ms', '1.0ms', '2.0ms'], 1, null, 1, null, 50, 0, 0, 3],
  ],
  'summary.verdictsTitle': [[['숏 폴링', '롱 폴링']]],
  'summary.row': [['통신 방향', 'Direction', ['맞음', '바로잡음']]],
  'summary.again': [['http://127.0.0.1:4321/ko/lessons/choosing/?rate=5#race']],
  'evidence.perEvent': [['512'], [null]],
  'evidence.direction.asks': [[12, '4,096', '8,192']],
  'evidence.protocol.http': [['요청 12개', '4,096']],
  'evidence.difficulty.lines': [['60', '80', '140']],
  'evidence.difficulty.yet': [
    [
      [
        { name: '롱 폴링', stars: '★★', fewer: true, lines: '120' },
        { name: '웹소켓', stars: '★★★', fewer: false, lines: '300' },
      ],
    ],
  ],
  'evidence.connections.held': [
    [1, true],
    [1, false],
  ],
  'evidence.scalability.polling': [['1초', 2, 20, '40%', 5, '이벤트당 512 B']],
  'evidence.scalability.held': [
    [1.5, '이벤트당 900 B'],
    [null, '전달된 이벤트 없음'],
  ],
  'evidence.scalability.persistent': [
    ['이벤트당 120 B', [{ name: '숏 폴링', total: '900' }], true, true],
    ['이벤트당 120 B', [], false, false],
  ],
  'evidence.support.here': [
    [true, 'EventSource'],
    [false, 'fetch'],
  ],
  'evidence.errors.recovered': [
    [2, '1.5초', '0', '0'],
    [0, null, '0', '0'],
  ],
  'evidence.errors.ownCode': [['src/client/poll.ts']],
  'evidence.errors.waits': [['이 강좌의 클라이언트가 처리한다(src/client/poll.ts)', '이번 경주에서는 재지 않았다.']],
  'evidence.errors.nothingInFlight': [['이 강좌의 클라이언트가 처리한다(src/client/poll.ts)', '0', '0']],
  'evidence.errors.askedAgain': [['이 강좌의 클라이언트가 처리한다(src/client/poll.ts)', '재연결 2번']],
  'evidence.errors.browser': [['재연결 2번'], [null]],
  'evidence.errors.websocket': [
    ['재연결 2번', 'src/client/websocket.ts'],
    [null, 'src/client/websocket.ts'],
  ],
};

const TEASER_SAMPLES: Record<string, unknown[][]> = {
  aria: [[5, 'ticker']],
  failed: [['클라이언트가 멈췄다.']],
  note: [['2초']],
};

const SAMPLES: Record<string, Record<string, unknown[][]>> = {
  widgetsExercise: { answered: [[503, 'Service unavailable']] },
  widgetsTeaser: TEASER_SAMPLES,
  widgets: WIDGET_SAMPLES,
  widgetsLab: LAB_SAMPLES,
  widgetsRace: RACE_SAMPLES,
};

/** Every text a catalogue area can produce, by path: strings as they are, functions called. */
function texts(area: string, value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const calls = SAMPLES[area]?.[path] ?? [[...Array(value.length)].map((_, i) => i + 2)];
    return calls.flatMap((args, i) => texts(area, value(...args), `${path}(${i})`));
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => texts(area, v, path ? `${path}.${k}` : k));
}

/** The shape: every key, by path, with its kind (string, function, section). */
function shape(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [`${path}: ${typeof value}`];
  return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
}

/**
 * What a Korean widget string may keep in Latin letters: identifiers, headers, protocol words, units
 * (terms.ts keeps them in English), and the server's channel id `ticker`.
 */
const KEPT = [
  'Sec-WebSocket-Accept',
  'WebSocketStream',
  'WebTransport',
  'WebSocket',
  'Last-Event-ID',
  'HTTP/2',
  'HTTP/3',
  'QUIC',
  'promise',
  'API',
  'WHATWG',
  'HTML',
  'MDN',
  'RFC',
  'Realtime Lab',
  'UTC',
  'http://127.0.0.1:4321/ko/lessons/choosing/?rate=5#race',
  'src/client/websocket.ts',
  'src/client/poll.ts',
  'Switching Protocols',
  'XMLHttpRequest',
  'Internet Explorer',
  'Chromium',
  'Chrome',
  'Firefox',
  'Safari',
  'Edge',
  'Content-Type',
  'Origin',
  'close',
  'error',
  'id',
  'NTP',
  'kB',
  'p50',
  'p95',
  '/api/time',
  'time',
  'POST',
  'tab-1a2b',
  'h2',
  'Upgrade: websocket',
  'text/event-stream',
  'keep-alive',
  'EventSource',
  'HTTP/1.1',
  'SHA-1',
  'base64',
  'ticker',
  'deliver()',
  'log()',
  'onSend(handler)',
  'JSON',
  '#n',
  'fetch',
  'HTTP',
  'GUID',
  'SSE',
  'TCP',
  'GET',
  'RFC',
  'seq',
  'ack',
  'ms',
  'B',
  'T',
];
const english = (text: string) =>
  KEPT.reduce((rest, kept) => rest.replaceAll(kept, ' '), text).match(/[A-Za-z]{2,}|\b[A-Za-z]\b/g) ?? [];

for (const area of AREAS)
  describe(`the ${area} catalogue area`, () => {
    const en = t('en')[area];
    const ko = t('ko')[area];

    it('has the same keys and kinds in every locale', () => {
      for (const locale of LOCALES) assert.deepEqual(shape(t(locale)[area]).sort(), shape(en).sort(), locale);
    });

    it('has a sample for each function whose arguments are not numbers', () => {
      for (const path of Object.keys(SAMPLES[area] ?? {}))
        assert.ok(
          texts(area, en).some(([p]) => p.startsWith(`${path}(`)),
          `${path} is not a function of ${area}`,
        );
    });

    it('says everything in Korean: no English but kept identifiers, units and symbols', () => {
      const all = texts(area, ko);
      assert.ok(all.length >= 10, `only ${all.length} strings`);
      assert.deepEqual(
        all
          .filter(([, text]) => english(text).length > 0)
          .map(([path, text]) => `${path}: ${english(text)} in ${text}`),
        [],
      );
    });

    it('follows the term list and the register (해라체) in every string', () => {
      const found = texts(area, ko).flatMap(([path, text]) => [
        ...findTermViolations(text).map((v) => `${path}: ${v.forbidden} (write ${v.term}) in ${text}`),
        ...findRegisterViolations(text).map((v) => `${path}: …${v.ending} in ${text}`),
      ]);
      assert.deepEqual(found, []);
    });

    it('puts no particle right after a value given at run time', () => {
      // A number followed at once by a particle whose form depends on the sound before it.
      const PARTICLE = /\d(?:을|를|이|가|은|는|과|와|으로|로|이다|다|였|이었)(?![가-힣])/;
      const found = texts(area, ko)
        .filter(([, text]) => PARTICLE.test(text))
        .map(([path, text]) => `${path}: ${text}`);
      assert.deepEqual(found, []);
    });
  });

describe('the English widget strings', () => {
  it('word their counts in the singular and the plural', () => {
    const { demo, timeline } = t('en').widgets;
    assert.equal(demo.cutDropped(1), 'Cut: the server dropped 1 connection.');
    assert.equal(demo.cutDropped(2), 'Cut: the server dropped 2 connections.');
    assert.equal(timeline.gapDetail(1), 'the server says 1 event was evicted before it could be delivered');
    assert.equal(timeline.burst(3, 4, 6, 12), '3 events at once, seq 4 to 6, in 12 ms.');
  });

  it("keep the client's own sentence for why it stopped", () => {
    assert.equal(
      t('en').widgets.common.stopped({ code: 'told-to-stop' }, 'The server said stop (204).'),
      'The server said stop (204).',
    );
  });
});

describe('the Korean widget strings', () => {
  it('put their values in with Korean counters and units', () => {
    const { demo, timeline, common } = t('ko').widgets;
    const teaser = t('ko').widgetsTeaser;
    assert.equal(demo.cutDropped(2), '끊기: 서버가 연결 2개를 끊었다.');
    assert.ok(timeline.summary(20, 3, 1, 0, 12, 2).startsWith('최근 20초의 타임라인: 요청 3개(빈 응답 1개, 실패 0개)'));
    assert.equal(common.duration(500), '500ms');
    assert.equal(common.duration(2000), '2초');
    assert.equal(teaser.lag(1500), '1.5초');
    assert.equal(
      common.stopped({ code: 'refused', status: 404 }, 'English'),
      '서버가 상태 코드 404 응답을 보냈다. 다시 요청해도 같은 응답이 온다.',
    );
  });
});
