import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineParts } from './inline-text.ts';

test('asterisks around a control name become emphasis, backticks code', () => {
  assert.deepEqual(inlineParts('You press *Cut the connection*: what will `onclose` see?'), [
    { kind: 'text', text: 'You press ' },
    { kind: 'em', text: 'Cut the connection' },
    { kind: 'text', text: ': what will ' },
    { kind: 'code', text: 'onclose' },
    { kind: 'text', text: ' see?' },
  ]);
  assert.deepEqual(inlineParts('*Lost* goes up.'), [
    { kind: 'em', text: 'Lost' },
    { kind: 'text', text: ' goes up.' },
  ]);
  assert.deepEqual(inlineParts('what do *b*’s clients get?')[1], { kind: 'em', text: 'b' });
});

test('asterisks that are not a pair around words stay as written, and code keeps its asterisks', () => {
  assert.deepEqual(inlineParts('a * b * c'), [{ kind: 'text', text: 'a * b * c' }]);
  assert.deepEqual(inlineParts('2*3*4'), [{ kind: 'text', text: '2*3*4' }]);
  assert.deepEqual(inlineParts('`*x*`'), [{ kind: 'code', text: '*x*' }]);
});
