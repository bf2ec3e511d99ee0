// Two libwebrtc RTCPeerConnections in one process, connected over loopback with one data channel,
// the way `webrtc4j bench` connects two webrtc4j connections (dev.webrtc4j.cli.bench.LoopbackPair).
//
// Network rule: every candidate and every SDP is checked before it is handed to the other peer;
// a non-loopback address aborts the run without passing it on. The script also runs only inside
// a loopback-only network namespace (see bench.mjs), so libwebrtc cannot send anywhere else.
import wrtc from '@roamhq/wrtc';
import { isLoopback, loopbackViolations } from '../../interop/browsers/lib/loopback-guard.mjs';
import { collectClosed } from './release.mjs';

const { RTCPeerConnection } = wrtc;

export const nowNs = () => process.hrtime.bigint();
export const msSince = (t0) => Number(nowNs() - t0) / 1e6;

function checkCandidate(c) {
  // candidate:foundation component transport priority address port typ ...
  const f = c.candidate.split(/\s+/);
  if (f.length < 8 || !isLoopback(f[4])) {
    throw new Error(`network rule: candidate names a non-loopback address; not passed on: ${c.candidate}`);
  }
}

function checkSdp(sdp, what) {
  const v = loopbackViolations(sdp);
  if (v.length > 0) {
    throw new Error(`network rule: ${what} names a non-loopback address: ${v.map((x) => x.text).join(' | ')}`);
  }
}

function gatheringComplete(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    pc.addEventListener('icegatheringstatechange', function on() {
      if (pc.iceGatheringState === 'complete') {
        pc.removeEventListener('icegatheringstatechange', on);
        resolve();
      }
    });
  });
}

/** Resolves with the channel once it is open (at once if it already is). */
function opened(dc) {
  if (dc.readyState === 'open') return Promise.resolve(dc);
  return new Promise((resolve, reject) => {
    dc.addEventListener('open', () => resolve(dc), { once: true });
    dc.addEventListener('error', (e) => reject(new Error(`channel error: ${e.error?.message ?? e}`)), { once: true });
  });
}

/**
 * Candidates that arrive before the receiving side has a remote description are held and added
 * right after setRemoteDescription (addIceCandidate would reject them before it).
 */
class CandidateInbox {
  constructor(pc) {
    this.pc = pc;
    this.held = [];
    this.ready = false;
    this.failure = null;
  }
  deliver(c) {
    checkCandidate(c);
    if (this.ready) this.add(c);
    else this.held.push(c);
  }
  add(c) {
    this.pc.addIceCandidate(c).catch((e) => { this.failure ??= e; });
  }
  open() {
    this.ready = true;
    for (const c of this.held.splice(0)) this.add(c);
  }
}

/**
 * What the collection before each pair left alive: `pairs` connected so far, `leftMax` the most
 * libwebrtc factories (threads of closed pairs) still alive when a new pair was built (0 when
 * every closed pair was freed), null without a thread count; `collections` and `ms` what it cost.
 */
/**
 * Closed pairs whose threads may stay alive before a collection runs (at most 16 threads, a
 * hundredth of a core of audio ticks), and what a collection must get down to: 1, because the
 * caller's suspended async frame can still hold the pair it closed last (measured: in the setup
 * loop a collection never got below one, eight rounds in a row, while a pair closed in a function
 * that had returned was freed in four), which makes that one uncollectable until the caller moves on.
 */
const CLOSED_TRIGGER = 4;
const CLOSED_KEEP = 1;

export const releaseReport = { pairs: 0, leftMax: 0, collections: 0, ms: 0 };

/**
 * Connects a new pair. `trickle`: candidates are passed as icecandidate events fire; otherwise each
 * side waits for gathering to complete and sends its full description. Returns the pair and the
 * setup time in ms, from creating the two connections to both channels open.
 *
 * First, outside the timed region, it frees the threads of the pairs closed before it once there are
 * more than a few (see release.mjs): callers close each pair before they connect the next.
 */
export async function connectPair({ trickle, channelInit = {}, label = 'bench' }) {
  const c0 = nowNs();
  const { live, collections } = await collectClosed({ trigger: CLOSED_TRIGGER, keep: CLOSED_KEEP });
  releaseReport.ms += msSince(c0);
  releaseReport.collections += collections;
  releaseReport.pairs++;
  releaseReport.leftMax = live === null || releaseReport.leftMax === null ? null : Math.max(releaseReport.leftMax, live);
  // The setup figure starts at creating the two connections (issue 6's definition), as webrtc4j's does.
  const t0 = nowNs();
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  const toA = new CandidateInbox(a);
  const toB = new CandidateInbox(b);
  const failures = [];
  if (trickle) {
    a.onicecandidate = (e) => { if (e.candidate) try { toB.deliver(e.candidate); } catch (x) { failures.push(x); } };
    b.onicecandidate = (e) => { if (e.candidate) try { toA.deliver(e.candidate); } catch (x) { failures.push(x); } };
  }
  const remote = new Promise((resolve) => { b.ondatachannel = (e) => resolve(opened(e.channel)); });
  const dcA = a.createDataChannel(label, channelInit);
  const openA = opened(dcA);

  const offer = await a.createOffer();
  await a.setLocalDescription(offer);
  if (!trickle) await gatheringComplete(a);
  checkSdp(a.localDescription.sdp, 'offer');
  await b.setRemoteDescription(trickle ? offer : a.localDescription);
  toB.open();
  const answer = await b.createAnswer();
  await b.setLocalDescription(answer);
  if (!trickle) await gatheringComplete(b);
  checkSdp(b.localDescription.sdp, 'answer');
  await a.setRemoteDescription(trickle ? answer : b.localDescription);
  toA.open();
  const [chA, chB] = await Promise.all([openA, remote]);
  const setupMs = msSince(t0);

  const failure = failures[0] ?? toA.failure ?? toB.failure;
  if (failure) {
    close(a, b);
    throw failure;
  }
  const pair = { a, b, dcA: chA, dcB: chB, setupMs, close: () => close(a, b) };
  await checkSelectedPair(pair);
  return pair;
}

function close(a, b) {
  a.close();
  b.close();
}

/**
 * Confirms from getStats that the pair in use joins two loopback addresses. Runs after the setup
 * was timed. libwebrtc's stats can lag the channels being open (about once in a thousand setups
 * no pair was marked nominated yet), so it asks again for up to a second before failing.
 */
async function checkSelectedPair({ a }) {
  let byId;
  let nominated = [];
  for (let attempt = 0; attempt < 200 && nominated.length === 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const stats = await a.getStats();
    byId = new Map();
    stats.forEach((s) => byId.set(s.id, s));
    nominated = [...byId.values()].filter((s) => s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated);
  }
  if (nominated.length === 0) throw new Error('no nominated, succeeded candidate pair in getStats');
  for (const p of nominated) {
    for (const id of [p.localCandidateId, p.remoteCandidateId]) {
      const c = byId.get(id);
      const addr = c?.address || c?.ip;
      // A peer-reflexive remote candidate (a check that arrived before its trickled candidate)
      // has its address hidden in stats, as the spec requires; it can only be loopback here,
      // since bench.mjs runs only where no other interface is up.
      if (!addr && c?.candidateType === 'prflx' && id === p.remoteCandidateId) continue;
      if (!addr || !isLoopback(addr)) {
        throw new Error(`network rule: the pair in use has candidate ${JSON.stringify(c)}`);
      }
    }
  }
}
