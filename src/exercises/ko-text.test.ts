// The exercises' Korean text (content/exercises/ko.ts): one for every exercise, paragraph for
// paragraph, Korean outside the code, in the register and the terms of src/i18n/ko/terms.ts, with the
// same code spans as the English (identifiers, URLs and messages are not translated).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXERCISES, exercise } from '../../content/exercises/index.ts';
import { KO_EXERCISES } from '../../content/exercises/ko.ts';
import { findRegisterViolations, findTermViolations } from '../i18n/ko/terms.ts';

const codeSpans = (texts: readonly string[]) =>
  new Set(texts.flatMap((p) => [...p.matchAll(/`([^`]+)`/g)].map((m) => m[1])));
const prose = (text: string) => text.replace(/`[^`]+`/g, ' ');
/** Latin words a Korean exercise writes outside code: protocol words and names, as terms.ts keeps them. */
const KEPT = /(?<=\d)ms\b|\b(?:EventSource|JSON|POST|GET|fetch|reject|abort|ack|id|seq|ms|ref|text|failover)\b/g;

describe('the Korean exercise text', () => {
  it('exists for every exercise and no other', () => {
    assert.deepEqual(Object.keys(KO_EXERCISES).sort(), EXERCISES.map((e) => e.id).sort());
  });

  for (const e of EXERCISES)
    describe(e.id, () => {
      const ko = KO_EXERCISES[e.id]!;
      const all = [ko.title, ...ko.task, ...ko.hints, ...Object.values(ko.sends ?? {})];

      it('has the English paragraphs, hints and code spans', () => {
        assert.equal(ko.task.length, e.task.length);
        assert.equal(ko.hints.length, e.hints.length);
        assert.deepEqual(
          [...codeSpans([...ko.task, ...ko.hints])].sort(),
          [...codeSpans([...e.task, ...e.hints])].sort(),
        );
      });

      it('is Korean outside the code', () => {
        for (const text of all) {
          assert.match(text, /[가-힣]/, text);
          assert.deepEqual(
            prose(text)
              .replace(KEPT, ' ')
              .match(/[A-Za-z]{2,}/g) ?? [],
            [],
            text,
          );
        }
      });

      it('follows the term list and the register', () => {
        const found = all.flatMap((text) => [
          ...findTermViolations(text).map((v) => `${v.forbidden} (write ${v.term}) in ${text}`),
          ...findRegisterViolations(text).map((v) => `…${v.ending} in ${text}`),
        ]);
        assert.deepEqual(found, []);
      });

      it("is what a Korean page gets, with the same grading and the plan's messages in Korean", () => {
        const shown = exercise(e.id, 'ko');
        assert.equal(shown.title, ko.title);
        assert.deepEqual(shown.task, ko.task);
        assert.deepEqual(shown.requirements, e.requirements);
        assert.equal(shown.starter, e.starter);
        for (const step of shown.plan) if (step.do === 'send') assert.match(step.text, /[가-힣]/);
        assert.equal(exercise(e.id), e);
      });
    });
});
