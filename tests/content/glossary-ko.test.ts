// The Korean glossary is the English one in Korean: the same ids in the same order, each entry valid,
// its heading the term list's Korean term with the English original, its words free of forbidden
// forms, its source (when repeated) the English one. Plus one good and one bad case per field of the
// Korean schema.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { findTermViolations, KO_TERMS, type KoTerm } from '../../src/i18n/ko/terms.ts';
import { glossaryKoEntrySchema, koreanGlossaryEntry } from '../../src/lib/glossary-ko-schema.ts';
import { type GlossaryEntry, glossaryEntrySchema } from '../../src/lib/glossary-schema.ts';
import { projectRoot } from '../helpers/server.ts';

const read = (name: string) =>
  load(readFileSync(join(projectRoot, 'content', name), 'utf8')) as Record<string, Record<string, unknown>>;
const english = read('glossary.yaml');
const korean = read('glossary.ko.yaml');
const concepts = new Map((KO_TERMS as readonly KoTerm[]).map((t) => [t.id, t]));

/** The heading a Korean entry must have: the Korean term, and the English one beside it unless they are one. */
const heading = (t: KoTerm) => (t.ko === t.en ? t.ko : `${t.ko} (${t.en})`);

describe('content/glossary.ko.yaml', () => {
  it('has exactly the English ids, in the same order', () => {
    assert.deepEqual(Object.keys(korean), Object.keys(english));
  });

  for (const [id, raw] of Object.entries(korean))
    it(id, () => {
      const ko = glossaryKoEntrySchema.parse(raw);
      const en = glossaryEntrySchema.parse(english[id]);
      const concept = concepts.get(id);
      assert.ok(concept, `no concept "${id}" in src/i18n/ko/terms.ts`);
      assert.equal(ko.term, heading(concept), 'the heading is the term list’s Korean term with the English');
      assert.match(ko.definition, /[가-힣]/, 'the definition is in Korean');
      assert.deepEqual(findTermViolations(`${ko.term}\n${ko.definition}`), []);
      const whole = koreanGlossaryEntry(id, en, ko);
      assert.deepEqual(
        { lesson: whole.lesson, see: whole.see, source: whole.source },
        { lesson: en.lesson, see: en.see, source: en.source },
      );
      // Code and headers stay as they are: every `code` span of the English definition is in the Korean one.
      const code = (text: string) => new Set(text.replace(/\s+/g, ' ').match(/`[^`]+`/g) ?? []);
      const missing = [...code(en.definition)].filter((c) => !code(ko.definition).has(c));
      assert.deepEqual(missing, [], 'code spans of the English definition missing from the Korean one');
    });
});

describe('the Korean glossary schema', () => {
  const en: GlossaryEntry = {
    term: 'Epoch',
    definition: 'An opaque name for one history of a channel log.',
    see: ['cursor'],
    source: 'https://www.rfc-editor.org/rfc/rfc6455',
  };
  const good = { term: '에포크 (epoch)', definition: '채널 로그의 이력 하나에 붙는 불투명한 이름이다.' };
  const refuses = (patch: Record<string, unknown>) =>
    assert.equal(glossaryKoEntrySchema.safeParse({ ...good, ...patch }).success, false, JSON.stringify(patch));

  it('accepts words only, and takes lesson, see and source from the English entry', () => {
    assert.deepEqual(koreanGlossaryEntry('epoch', en, glossaryKoEntrySchema.parse(good)), { ...en, ...good });
  });
  it('accepts the English source repeated', () => {
    const ko = glossaryKoEntrySchema.parse({ ...good, source: en.source });
    assert.equal(koreanGlossaryEntry('epoch', en, ko).source, en.source);
  });
  it('refuses a repeated source that is not the English one, naming both', () => {
    const ko = glossaryKoEntrySchema.parse({ ...good, source: 'https://example.org/' });
    assert.throws(() => koreanGlossaryEntry('epoch', en, ko), /"epoch" has source https:\/\/example\.org\/.*rfc6455/);
  });
  it('term must not be empty', () => refuses({ term: ' ' }));
  it('definition must say something', () => refuses({ definition: '짧다.' }));
  it('source is a URL', () => refuses({ source: 'RFC 6455' }));
  it('lesson and see are the English entry’s, not written here', () => {
    refuses({ lesson: 'sse' });
    refuses({ see: ['cursor'] });
  });
  it('every field is described', () => {
    for (const [name, field] of Object.entries(glossaryKoEntrySchema.shape))
      assert.ok(field.description, `field "${name}" has no .describe()`);
  });
});
