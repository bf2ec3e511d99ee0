import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, percentile } from '../lib/stats.mjs';

test('median of an odd count is the middle sample', () => {
  assert.equal(median([5, 1, 3]), 3);
});

test('median of an even count is the mean of the middle two', () => {
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

test('median does not reorder the caller array', () => {
  const a = [3, 1, 2];
  median(a);
  assert.deepEqual(a, [3, 1, 2]);
});

test('nearest-rank percentiles', () => {
  const a = Array.from({ length: 1000 }, (_, i) => 1000 - i); // 1..1000, reversed
  assert.equal(percentile(a, 50), 500);
  assert.equal(percentile(a, 99), 990);
  assert.equal(percentile(a, 100), 1000);
  assert.equal(percentile([7], 1), 7);
  assert.equal(percentile([1, 2, 3, 4, 5], 99), 5);
});

test('empty input and bad p are rejected', () => {
  assert.throws(() => median([]), RangeError);
  assert.throws(() => percentile([], 50), RangeError);
  assert.throws(() => percentile([1], 0), RangeError);
  assert.throws(() => percentile([1], 101), RangeError);
});
