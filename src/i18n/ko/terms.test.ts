// The Korean term list is consistent, covers the glossary, and every Korean file written so far
// follows it. Run: node --test "src/**/*.test.ts"
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { findRegisterViolations, findTermViolations, KO_TERMS, type KoTerm, koTerm } from './terms.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const terms: readonly KoTerm[] = KO_TERMS;

/**
 * The Korean files the checker reads. source-post.ts is left out on purpose: it quotes the post
 * verbatim, misspellings included (매커니즘, 클라이언트 당), and tests/content/source-post.test.ts holds
 * it to the post instead.
 */
const QUOTED = new Set(['source-post.ts']);
const koreanFiles = [
  ...readdirSync(here, { recursive: true, encoding: 'utf8' })
    .filter((f) => !QUOTED.has(f) && !f.endsWith('.test.ts') && f !== 'terms.ts')
    .map((f) => join(here, f)),
  join(root, 'content', 'glossary.ko.yaml'),
];

/** "line 12: 웹 소켓 (write 웹소켓)" for each violation, so a failure says where and what to write. */
function describeViolations(text: string): string[] {
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  return [
    ...findTermViolations(text).map((v) => `line ${lineOf(v.index)}: ${v.forbidden} (write ${v.term})`),
    ...findRegisterViolations(text).map((v) => `line ${lineOf(v.index)}: …${v.ending} (해라체: -다)`),
  ];
}

describe('the Korean term list', () => {
  it('has one entry per concept id and one concept per Korean term', () => {
    const dupes = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
    assert.deepEqual(dupes(terms.map((t) => t.id)), []);
    assert.deepEqual(dupes(terms.map((t) => t.ko)), []);
  });

  it('has a concept for every glossary entry', () => {
    const glossary = load(readFileSync(join(root, 'content', 'glossary.yaml'), 'utf8')) as Record<string, unknown>;
    const ids = new Set(terms.map((t) => t.id));
    assert.deepEqual(
      Object.keys(glossary).filter((id) => !ids.has(id)),
      [],
    );
  });

  it('covers the concepts the course keeps coming back to', () => {
    const ids = new Set(terms.map((t) => t.id));
    for (const id of [
      'cursor',
      'epoch',
      'gap',
      'reset',
      'heartbeat',
      'backpressure',
      'fan-out',
      'reconnection',
      'keep-alive',
      'handshake',
      'frame',
      'proxy',
      'buffering',
      'retention',
      'idempotency',
    ])
      assert.ok(ids.has(id), `no concept "${id}"`);
  });

  it('never forbids a form that a chosen term contains (writing the right term is never a violation)', () => {
    for (const t of terms) assert.deepEqual(findTermViolations(t.ko), [], `the chosen term ${t.ko} is flagged`);
  });

  it('lists only real alternatives: a forbidden form is not empty, not the term itself, not repeated', () => {
    for (const t of terms) {
      assert.equal(new Set(t.forbidden).size, t.forbidden.length, `${t.id} repeats a forbidden form`);
      for (const f of t.forbidden) {
        assert.ok(f.trim() === f && f.length > 0, `${t.id}: forbidden form "${f}"`);
        assert.notEqual(f, t.ko, `${t.id} forbids its own term`);
      }
    }
  });

  it('keeps a concept in English only where the Korean term is the English form', () => {
    for (const t of terms)
      if (t.english === 'keep') assert.doesNotMatch(t.ko, /[가-힣]/, `${t.id} is kept in English but written ${t.ko}`);
      else assert.match(t.ko, /[가-힣]/, `${t.id} (${t.english}) has no Korean in ${t.ko}`);
  });
});

describe('findTermViolations', () => {
  it('finds nothing in sentences that use the chosen terms', () => {
    for (const good of [
      '롱 폴링은 서버가 새 이벤트가 생길 때까지 요청을 붙잡아 두는 기법이다.',
      '웹소켓은 자동 재연결을 하지 않는다. 애플리케이션이 커서부터 다시 구독해야 한다.',
      'EventSource는 재연결하면서 Last-Event-ID 헤더에 마지막으로 본 id를 담아 보낸다.',
      '클라이언트당 연결이 하나뿐이어도 팬아웃 비용은 클라이언트 수에 비례한다.',
      '`Upgrade: websocket` 헤더와 `101 Switching Protocols` 응답으로 웹소켓 핸드셰이크가 끝난다.',
    ])
      assert.deepEqual(findTermViolations(good), [], good);
  });

  it('finds each forbidden form with the term to write instead and its position', () => {
    const text = '롱폴링은 웹 소켓보다 단순하지만, 핸드쉐이크가 없다.';
    assert.deepEqual(findTermViolations(text), [
      { term: '롱 폴링', forbidden: '롱폴링', index: 0 },
      { term: '웹소켓', forbidden: '웹 소켓', index: 5 },
      { term: '웹소켓 핸드셰이크', forbidden: '핸드쉐이크', index: 19 },
    ]);
  });

  it('finds a form however often it occurs, particles attached or not', () => {
    const text = '긴 폴링이 끝나면 다시 긴 폴링을 보낸다.';
    assert.deepEqual(
      findTermViolations(text).map((v) => v.index),
      [0, 13],
    );
  });

  it('finds the misspellings the source post has, and wrong-cased names', () => {
    assert.deepEqual(
      findTermViolations('클라이언트 당 1개, 내장 매커니즘 존재, Last-Event-Id').map((v) => v.forbidden),
      ['클라이언트 당', '매커니즘', 'Last-Event-Id'],
    );
  });

  it('does not read quotations of the post or fenced code, and keeps positions true around them', () => {
    const text = '표의 <q lang="ko">내장 매커니즘 존재</q>는 틀렸다.\n```js\nconst 웹 소켓 = 1;\n```\n그리고 롱폴링';
    assert.deepEqual(findTermViolations(text), [
      { term: '롱 폴링', forbidden: '롱폴링', index: text.indexOf('롱폴링') },
    ]);
  });

  it('leaves identifiers and header values alone', () => {
    assert.deepEqual(findTermViolations('`new WebSocket(url)`, `Upgrade: websocket`, `Connection: keep-alive`'), []);
  });
});

describe('koTerm', () => {
  it('gives the Korean term of a concept', () => {
    assert.equal(koTerm('long-polling'), '롱 폴링');
    assert.equal(koTerm('eventsource'), 'EventSource');
  });
});

describe('findRegisterViolations', () => {
  it('accepts 해라체, 아니다 included', () => {
    assert.deepEqual(findRegisterViolations('서버가 응답한다. 이것은 오류가 아니다. 필요하면 다시 묻는다.'), []);
  });
  it('does not read quotations', () => {
    assert.deepEqual(findRegisterViolations('블로그는 <q lang="ko">연결됩니다</q>라고 썼다.'), []);
  });
  it('finds 합니다체 and 해요체 endings', () => {
    assert.deepEqual(
      findRegisterViolations('서버가 응답합니다. 다시 시도하세요. 끊겼어요? 재연결해요.').map((v) => v.ending),
      ['니다', '세요', '어요', '해요'],
    );
  });
});

describe('the Korean files follow the term list and the register', () => {
  it('the checker reads at least the glossary and both catalogues', () => {
    const names = koreanFiles.map((f) => relative(root, f));
    for (const f of ['content/glossary.ko.yaml', 'src/i18n/ko/techniques.ts', 'src/i18n/ko/exercises.ts'])
      assert.ok(names.includes(f), `${f} is not checked`);
  });
  for (const file of koreanFiles)
    it(relative(root, file), () => {
      assert.deepEqual(describeViolations(readFileSync(file, 'utf8')), []);
    });
});
