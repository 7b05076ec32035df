import assert from 'node:assert/strict';
import { test } from 'node:test';
import { richParts } from './rich-text.ts';

test('code, bold and links, a site link made the page language’s', () => {
  assert.deepEqual(richParts('see [the `glossary`](/glossary/#gap) and **this** `x`', 'ko'), [
    { kind: 'text', text: 'see ' },
    {
      kind: 'link',
      href: '/ko/glossary/#gap',
      children: [
        { kind: 'text', text: 'the ' },
        { kind: 'code', text: 'glossary' },
      ],
    },
    { kind: 'text', text: ' and ' },
    { kind: 'strong', text: 'this' },
    { kind: 'text', text: ' ' },
    { kind: 'code', text: 'x' },
  ]);
});

test('English keeps the path; backend and outside URLs are left alone', () => {
  assert.deepEqual(richParts('[a](/lab/)', 'en'), [
    { kind: 'link', href: '/lab/', children: [{ kind: 'text', text: 'a' }] },
  ]);
  assert.equal((richParts('[a](/api/openapi.json)', 'ko')[0] as { href: string }).href, '/api/openapi.json');
  assert.equal((richParts('[a](https://x.example/)', 'ko')[0] as { href: string }).href, 'https://x.example/');
});
