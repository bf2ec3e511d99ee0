import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, parseOptions, parseSize } from '../lib/options.mjs';

test('no arguments give the issue defaults', () => {
  const o = parseOptions([]);
  assert.equal(o.setupRuns, 20);
  assert.equal(o.bytes, 256 * 1024 * 1024);
  assert.equal(o.messageSize, 65536);
  assert.equal(o.throughputRuns, 3);
  assert.equal(o.throughputWarmup, 1);
  assert.equal(o.pings, 1000);
  assert.equal(o.pingSize, 100);
  assert.deepEqual(o.workloads, DEFAULTS.workloads);
});

test('--quick shrinks the runs, and an explicit option still wins', () => {
  const o = parseOptions(['--quick', '--pings', '50']);
  assert.equal(o.quick, true);
  assert.equal(o.setupRuns, 5);
  assert.equal(o.bytes, 16 * 1024 * 1024);
  assert.equal(o.throughputWarmup, 0);
  assert.equal(o.pings, 50);
});

test('sizes take binary suffixes', () => {
  assert.equal(parseSize('64k', 'x'), 65536);
  assert.equal(parseSize('256M', 'x'), 268435456);
  assert.equal(parseSize('1g', 'x'), 1073741824);
  assert.equal(parseSize('100', 'x'), 100);
  assert.throws(() => parseSize('1.5m', 'x'), RangeError);
  assert.throws(() => parseSize('-3', 'x'), RangeError);
});

test('workload lists are checked', () => {
  assert.deepEqual(parseOptions(['--workloads', 'setup,pingpong']).workloads, ['setup', 'pingpong']);
  assert.throws(() => parseOptions(['--workloads', 'setup,warp']), RangeError);
});

test('unknown options and inconsistent thresholds are rejected', () => {
  assert.throws(() => parseOptions(['--frobnicate']));
  assert.throws(() => parseOptions(['--low-threshold', '2m', '--high-water', '1m']), RangeError);
  assert.throws(() => parseOptions(['--setup-runs', '0']), RangeError);
});
