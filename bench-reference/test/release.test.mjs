import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectClosed, liveFactories, obtainGc } from '../lib/release.mjs';

/** A count function that returns the given values in turn, and records the collections between. */
function script(values) {
  const calls = { gc: 0, turn: 0 };
  let i = 0;
  return {
    calls,
    count: () => values[Math.min(i++, values.length - 1)],
    gc: () => { calls.gc++; },
    turn: async () => { calls.turn++; },
  };
}

test('collects until no closed factory is left, a turn before each collection', async () => {
  const s = script([3, 1, 0, 0]);
  const r = await collectClosed({ gc: s.gc, count: s.count, turn: s.turn });
  assert.deepEqual(r, { live: 0, keep: 0, collections: 2 });
  assert.deepEqual(s.calls, { gc: 2, turn: 2 });
});

test('nothing to free: no collection at all', async () => {
  const s = script([0]);
  assert.equal((await collectClosed({ gc: s.gc, count: s.count, turn: s.turn })).live, 0);
  assert.equal(s.calls.gc, 0);
});

test('gives up after maxRounds and reports what is still alive', async () => {
  const s = script([5]);
  const r = await collectClosed({ gc: s.gc, count: s.count, turn: s.turn, maxRounds: 4 });
  assert.equal(r.live, 5);
  assert.equal(s.calls.gc, 4);
});

test('keep: stops once only that many are alive', async () => {
  const s = script([4, 3, 2, 1]);
  assert.equal((await collectClosed({ keep: 2, gc: s.gc, count: s.count, turn: s.turn })).live, 2);
  assert.equal(s.calls.gc, 2);
});

test('trigger: no collection while at most that many are alive, then down to keep', async () => {
  const few = script([4]);
  assert.deepEqual(await collectClosed({ trigger: 4, keep: 1, gc: few.gc, count: few.count, turn: few.turn }), { live: 4, keep: 1, collections: 0 });
  assert.equal(few.calls.gc, 0);
  const many = script([5, 3, 1, 0]);
  assert.deepEqual(await collectClosed({ trigger: 4, keep: 1, gc: many.gc, count: many.count, turn: many.turn }), { live: 1, keep: 1, collections: 2 });
});

test('without a thread count it runs minRounds rounds every time', async () => {
  const s = script([null]);
  const r = await collectClosed({ trigger: 4, gc: s.gc, count: s.count, turn: s.turn });
  assert.equal(r.live, null);
  assert.equal(s.calls.gc, 4);
});

test('factories are counted from thread names, two threads each', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasks-'));
  try {
    const names = ['node', 'PeerConnectionF', 'PeerConnectionF', 'TestAudioDevice', 'PeerConnectionF', 'PeerConnectionF', 'rtc-low-prio'];
    names.forEach((n, i) => {
      fs.mkdirSync(path.join(dir, String(100 + i)));
      fs.writeFileSync(path.join(dir, String(100 + i), 'comm'), `${n}\n`);
    });
    assert.equal(liveFactories(dir), 2);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
  assert.equal(liveFactories(path.join(os.tmpdir(), 'no-such-task-dir-w4j')), null);
});

test('gc() is available without --expose-gc', () => {
  const gc = obtainGc();
  assert.equal(typeof gc, 'function');
  gc();
  assert.equal(obtainGc(), gc);
});

// The real thing: closed libwebrtc connections keep their factory's threads until V8 collects
// them, and collectClosed frees them. Connections that are only constructed and closed gather no
// candidates and send nothing (gathering starts at setLocalDescription), so this needs no
// loopback-only namespace. Linux only (it counts threads in /proc/self/task).
test('the threads of closed connections are freed', { skip: liveFactories() === null && 'no /proc/self/task' }, async () => {
  const { default: wrtc } = await import('@roamhq/wrtc');
  const before = liveFactories();
  (() => {
    for (let i = 0; i < 3; i++) {
      const a = new wrtc.RTCPeerConnection();
      const b = new wrtc.RTCPeerConnection();
      assert.ok(liveFactories() > before, 'a connection starts a factory');
      a.close();
      b.close();
    }
  })();
  const r = await collectClosed({ keep: before });
  assert.equal(r.live, before);
  assert.equal(liveFactories(), before);
});
