// The benchmark charts' full-size copy: opened on a phone, its smallest label is drawn at 12 px, and
// the copy's ids differ from the chart's in the page (two equal ids break aria-labelledby).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barChart, fullSizeWidth, smallestFontSize, withIdSuffix } from '../../bench/report/svg.ts';

const chart = barChart({
  id: 'fanout-p99',
  title: 'p99 delivery',
  desc: 'Five techniques at three sizes',
  yLabel: 'ms',
  xLabel: 'subscribers',
  barNames: ['project', 'bare'],
  // Ten groups of long labels: the label font shrinks below the chart's 11 to fit its group.
  groups: Array.from({ length: 10 }, (_, i) => ({ label: `long-poll ×${i}0000`, values: [i + 1, i + 2] })),
});

test('the full-size width puts the smallest label at 12 px', () => {
  const smallest = smallestFontSize(chart);
  assert.ok(smallest < 11, `a label is set smaller than the chart's 11: ${smallest}`);
  assert.equal(fullSizeWidth(chart), Math.ceil((720 * 12) / smallest));
  assert.ok((smallest * fullSizeWidth(chart)) / 720 >= 12);
});

test('the copy has its own ids, and its aria-labelledby points at them', () => {
  const copy = withIdSuffix(chart, '-full');
  assert.match(copy, /aria-labelledby="fanout-p99-title-full fanout-p99-desc-full"/);
  assert.match(copy, /<title id="fanout-p99-title-full">/);
  assert.match(copy, /<desc id="fanout-p99-desc-full">/);
  assert.doesNotMatch(copy, /id="fanout-p99-title"/);
  assert.equal(copy.replace(/-full/g, ''), chart);
});
