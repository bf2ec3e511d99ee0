// Frees the libwebrtc threads of closed connections before the next pair is built.
//
// Why: node-webrtc (@roamhq/wrtc) gives every RTCPeerConnection a reference on a shared default
// PeerConnectionFactory and takes it back in close(); once none is left, the next RTCPeerConnection
// builds a new factory. A factory owns a worker thread, a signalling thread, a `rtc-low-prio` thread
// and a fake audio device (`TestAudioDevice`) whose thread ticks every 10 ms at real-time priority
// (SCHED_FIFO 96 when the process may use it, as root in the bench's namespace). The dropped
// factory stops them only in its destructor, when V8 collects its JS wrapper, after the closed
// connections' and channels' wrappers that point at it. The bench allocates too little on the JS
// heap for V8 to run such collections on its own, so a 200-warm-up setup run could leave about 440
// factories (1,800 threads, 100 real-time wakeups a second each, about 0.6 of this machine's 2
// cores) behind; unless a major GC happened to run, the reference's figures collapsed (setups
// 32-45 ms, 20-28 MB/s, load average 22-42). See docs/perf-notes/reference6.md.
//
// The fix keeps the workload identical: each pair still gets its own fresh factory, as before;
// what changes is that those of closed pairs are collected between pairs, outside every timed
// region, a few pairs at a time (a collection takes three or four full GCs, 50-70 ms here, whether
// it frees one factory or five).
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

/** The gc() obtained through the flag, once. */
let fromFlag = null;

/**
 * V8's full collection: the one `node --expose-gc` exposes, or (so that `node bench.mjs` needs no
 * flag) the same function obtained by setting the flag at run time and reading `gc` from a fresh
 * context, which sees the flag.
 */
export function obtainGc() {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  if (fromFlag === null) {
    v8.setFlagsFromString('--expose-gc');
    fromFlag = vm.runInNewContext('gc');
    if (typeof fromFlag !== 'function') throw new Error('cannot obtain V8 gc()');
  }
  return fromFlag;
}

/** PeerConnectionFactory:workerThread and :signalingThread, as Linux truncates thread names (15 bytes). */
const FACTORY_THREAD = 'PeerConnectionF';

/**
 * Live PeerConnectionFactory instances of this process, counted from its thread names (two
 * threads each), or null where /proc/self/task cannot be read (not Linux).
 */
export function liveFactories(taskDir = '/proc/self/task') {
  let tasks;
  try {
    tasks = fs.readdirSync(taskDir);
  } catch {
    return null;
  }
  let threads = 0;
  for (const t of tasks) {
    try {
      if (fs.readFileSync(`${taskDir}/${t}/comm`, 'utf8').startsWith(FACTORY_THREAD)) threads++;
    } catch {
      // the thread ended while we listed: it is not live
    }
  }
  return Math.ceil(threads / 2);
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * When more than `trigger` factories are alive, collects until at most `keep` are: a collection
 * frees closed connections' and channels' wrappers, which lets a later one free the factory they
 * pointed at (its threads stop in its destructor); it takes three or four rounds. An event-loop
 * turn before each collection lets node-webrtc dispatch the state changes and finalizers that make
 * the next step collectable. Gives up after `maxRounds` and returns what is still alive and how
 * many collections it ran, so a caller can report them; without a thread count (`count` returns
 * null) it runs `minRounds` rounds each time.
 */
export async function collectClosed({
  trigger = 0,
  keep = 0,
  gc = obtainGc(),
  count = liveFactories,
  turn = nextTurn,
  minRounds = 4,
  maxRounds = 8,
} = {}) {
  let live = count();
  let collections = 0;
  if (live !== null && live <= trigger) return { live, keep, collections };
  for (; collections < maxRounds; collections++) {
    if (live === null ? collections >= minRounds : live <= keep) break;
    await turn();
    gc();
    live = count();
  }
  return { live, keep, collections };
}
