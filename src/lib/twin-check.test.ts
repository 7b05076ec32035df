import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { describeReport, lessonStructure, sha256, twinProblems, twinReport } from './twin-check.ts';

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/twins/${name}`, import.meta.url), 'utf8');
const EN = fixture('en.mdx');
const KO = fixture('ko.mdx');
/** The Korean fixture with one thing changed; the change must be there, or the test proves nothing. */
const ko = (from: string | RegExp, to: string) => {
  const changed = KO.replace(from, to);
  assert.notEqual(changed, KO, `fixture has no ${from}`);
  return changed;
};
const problemsOf = (koSource: string) => twinProblems(EN, koSource).join('\n');

test('the structure it reads: headings (not a # in code), components with non-text attributes, quizzes, code', () => {
  const s = lessonStructure(EN);
  assert.deepEqual(
    s.headings.map((h) => [h.depth, h.inDeepDive]),
    [
      [2, false],
      [3, true],
    ],
  );
  assert.deepEqual(
    s.components.map((c) => `${c.name} ${c.attributes.join(' ')}`),
    [
      'Term id="epoch"',
      'TechniqueDemo client:visible technique="sse"',
      'SourcePanel code={sseServer} file="api/transports/sse.ts" region="sse-stream"',
      'DeepDive ',
      'Quiz id="sse-basics" questions={quiz}',
    ],
  );
  assert.deepEqual(s.widgets, ['TechniqueDemo']);
  assert.deepEqual(s.quizTokens, ['kind=single', 'id=stops', 'option', 'correct=true', 'option']);
  assert.equal(s.codeBlocks.length, 1);
});

test('a faithful translation is a twin', () => {
  assert.deepEqual(twinProblems(EN, KO), []);
});

test('a heading added, dropped or moved a level is found', () => {
  assert.match(
    problemsOf(ko('### 필드별로', '## 필드별로')),
    /headings .* English has h3 in a DeepDive, Korean has h2 in a DeepDive/,
  );
  assert.match(problemsOf(ko('## 스트림\n', '## 스트림\n\n## 덤\n')), /headings/);
  assert.match(
    problemsOf(ko('</DeepDive>\n', '</DeepDive>\n\n### 밖\n')),
    /headings .*#3: English has \(nothing\), Korean has h3/,
  );
});

test('a heading moved out of its DeepDive is found', () => {
  const moved = ko(
    '<DeepDive title="와이어 형식">\n\n### 필드별로\n',
    '### 필드별로\n\n<DeepDive title="와이어 형식">\n',
  );
  assert.match(twinProblems(EN, moved).join('\n'), /English has h3 in a DeepDive, Korean has h3/);
});

test('components: a changed non-text attribute, a dropped component, a changed order', () => {
  assert.match(problemsOf(ko('region="sse-stream"', 'region="sse-other"')), /components .*region="sse-other"/);
  assert.match(
    problemsOf(ko('<Term id="epoch">용어</Term>', '용어')),
    /components .*#1: English has <Term id="epoch">/,
  );
  assert.match(problemsOf(ko('id="sse-basics"', 'id="sse-quiz"')), /Quiz id="sse-quiz"/);
});

test('text attributes are the translation’s: a translated title is no difference', () => {
  assert.deepEqual(twinProblems(EN, ko('title="확인"', 'title="다른 제목"')), []);
});

test('a widget without lang="ko" is found', () => {
  assert.match(
    problemsOf(ko('<TechniqueDemo lang="ko" ', '<TechniqueDemo ')),
    /widget <TechniqueDemo> has no lang="ko"/,
  );
});

test('quizzes: a changed id, kind or correct answer is found', () => {
  assert.match(problemsOf(ko("id: 'stops'", "id: 'halts'")), /quizzes .*id=halts/);
  assert.match(problemsOf(ko("kind: 'single'", "kind: 'multiple'")), /kind=multiple/);
  assert.match(problemsOf(ko("correct: true, explain: '일부러", "explain: '일부러")), /quizzes/);
});

test('code blocks must be the same bytes, imports the same modules', () => {
  assert.match(problemsOf(ko('GET /api/sse HTTP/1.1', 'GET /api/sse HTTP/2')), /code blocks/);
  assert.match(
    problemsOf(ko("'../../../api/transports/sse.ts?raw'", "'../../../api/transports/poll.ts?raw'")),
    /imports/,
  );
});

test('a mermaid diagram is translated: its words may differ, its place among the code blocks may not', () => {
  const diagram = (words: string) => `\n\`\`\`mermaid caption="${words}"\nsequenceDiagram\n  A->>B: ${words}\n\`\`\`\n`;
  const withDiagram = (source: string, words: string) =>
    source.replace(/\n```http\n/, `${diagram(words)}\n\`\`\`http\n`);
  const en = withDiagram(EN, 'The browser asks');
  assert.deepEqual(twinProblems(en, withDiagram(KO, '브라우저가 묻는다')), []);
  assert.match(twinProblems(en, KO).join('\n'), /code blocks differ at #1: English has \(a mermaid diagram\)/);
});

test('the report: missing, orphan, broken and stale twins, and what the build says of each', () => {
  const fresh = KO.replace(/translatedFrom: \w+/, `translatedFrom: ${sha256(EN)}`);
  const english = new Map([
    ['sse', EN],
    ['polling', EN],
  ]);
  assert.deepEqual(twinReport(english, new Map([['sse', fresh]])), {
    missing: ['polling'],
    orphans: [],
    broken: {},
    stale: [],
  });
  const report = twinReport(
    english,
    new Map([
      ['sse', KO],
      ['polling', fresh.replace('region="sse-stream"', 'region="x"')],
      ['extra', KO],
    ]),
  );
  assert.deepEqual(report.missing, []);
  assert.deepEqual(report.orphans, ['extra']);
  assert.deepEqual(Object.keys(report.broken), ['polling']);
  assert.deepEqual(
    report.stale.map((s) => s.slug),
    ['sse'],
  );
  const { errors, warnings } = describeReport(report);
  assert.equal(errors.length, 2);
  assert.match(
    errors.join('\n'),
    /content\/ko\/lessons\/polling\.mdx is not a twin of content\/lessons\/polling\.mdx: components/,
  );
  assert.match(warnings.join('\n'), /content\/ko\/lessons\/sse\.mdx is stale: translated from 000000000000/);
});
