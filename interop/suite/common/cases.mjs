// The interop cases, written once for every JavaScript runtime: werift (Node) and the browser
// pages (Chromium, Firefox) import this same file. The Python twin is python/w4j_cases.py; case
// names, messages and checks are the same in both (see interop/README.md, "Cases").
//
// A case is run by the OFFERER against an echo server (`webrtc4j echo`, or a peer driver in echo
// mode): it creates its data channels, gathers, POSTs the complete offer, applies the answer and
// checks what the echo sends back. runCase() resolves to a one-line detail string on success and
// throws an Error whose message is the reason on failure.
//
// The runtime object `rt` hides what differs between runtimes:
//   rt.newPc()                 a new RTCPeerConnection (W3C API; iceServers empty, loopback only)
//   rt.prepare(channel)        e.g. binaryType = 'arraybuffer' in browsers
//   rt.http(method, url, body) -> { status, location, contentType, body } (Node fetch, or the
//                              page's same-origin relay: a browser page cannot reach the echo
//                              server itself without CORS)
//   rt.now()                   milliseconds, monotonic
// The loopback guard is passed in as rt.loopbackViolations (lib/loopback-guard.mjs).

export const CASES = [
  'text',
  'binary',
  'unordered-unreliable',
  'channels-32',
  'throughput-64MiB',
  'close-reconnect',
];
/** Not a case of its own: connect, one round trip, print READY, wait to be killed (peer-killed). */
export const HOLD = 'hold';

const OPEN_TIMEOUT_MS = 20_000;
const ECHO_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------- helpers

export class CaseFailure extends Error {}
const fail = (msg) => { throw new CaseFailure(msg); };

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new CaseFailure(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** string stays a string; ArrayBuffer / Buffer / typed array becomes a Uint8Array view. */
export function normalize(data) {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  fail(`unexpected message type ${Object.prototype.toString.call(data)}`);
  return null;
}

/** Deterministic bytes (xorshift32) so that every size has different content. */
export function pattern(size, seed) {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function describeMessage(m) {
  if (typeof m === 'string') return `text of ${m.length} chars`;
  return `binary of ${m.length} bytes`;
}

/**
 * A queue of the messages received on one channel, in arrival order, with a timed take().
 */
class Inbox {
  constructor(channel) {
    this.items = [];
    this.waiters = [];
    this.closed = false;
    channel.addEventListener('message', (ev) => this.push(normalize(ev.data)));
    channel.addEventListener('close', () => { this.closed = true; this.wake(); });
  }

  push(m) { this.items.push(m); this.wake(); }

  wake() { for (const w of this.waiters.splice(0)) w(); }

  async take(ms, what) {
    const deadline = Date.now() + ms;
    while (this.items.length === 0) {
      if (this.closed) fail(`channel closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) fail(`timed out after ${ms} ms waiting for ${what}`);
      await new Promise((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    return this.items.shift();
  }
}

function waitOpen(ch, ms) {
  if (ch.readyState === 'open') return Promise.resolve();
  return withTimeout(new Promise((resolve, reject) => {
    ch.addEventListener('open', () => resolve());
    ch.addEventListener('close', () => reject(new CaseFailure(`channel '${ch.label}' closed before open`)));
  }), ms, `data channel '${ch.label}' open (now ${ch.readyState})`);
}

/** Resolves when ICE gathering is complete (the offer is sent complete, no trickle). */
export function waitGathering(pc, ms = 15_000) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return withTimeout(new Promise((resolve) => {
    const check = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    pc.addEventListener('icegatheringstatechange', check);
    pc.addEventListener('icecandidate', (ev) => { if (!ev.candidate) resolve(); });
    check();
  }), ms, `ICE gathering complete (now ${pc.iceGatheringState})`);
}

/**
 * The largest message the remote accepts, from its description: a=max-message-size (0 means no
 * limit), or 65536 when it is absent (RFC 8841 section 6; e.g. a legacy DTLS/SCTP + sctpmap answer).
 */
export function remoteMaxMessageSize(sdp) {
  const m = /^a=max-message-size:(\d+)/m.exec(sdp ?? '');
  return m ? Number(m[1]) : 65536;
}

/** Throws unless the SDP names only loopback addresses and has at least one candidate. */
export function checkLoopback(rt, sdp, what) {
  const v = rt.loopbackViolations(sdp ?? '');
  if (v.length > 0) {
    fail(`network rule: ${what} names a non-loopback address (${v.map((x) => `${x.reason}: ${x.text}`).join('; ')}); nothing sent`);
  }
  if (!/^a=candidate:/m.test(sdp)) fail(`${what} has no a=candidate line (gathered nothing on loopback)`);
}

// ---------------------------------------------------------------- one session with the echo

/**
 * Creates a peer connection with the given channels, offers it complete to the echo server at
 * url, applies the answer and waits until every channel is open.
 * specs: [{ label, options }]. Resolves to { pc, channels: Map<label, {ch, inbox}>, location, close() }.
 */
export async function connect(rt, url, specs) {
  const pc = rt.newPc();
  const channels = new Map();
  for (const { label, options = {} } of specs) {
    const ch = pc.createDataChannel(label, options);
    rt.prepare(ch);
    channels.set(label, { ch, inbox: new Inbox(ch) });
  }
  let location = null;
  const session = {
    pc,
    channels,
    get location() { return location; },
    async close() {
      try { pc.close(); } catch { /* already closed */ }
      if (location) {
        const loc = location;
        location = null;
        const r = await rt.http('DELETE', loc, null);
        if (r.status < 200 || r.status > 299) fail(`DELETE ${loc} answered ${r.status}`);
      }
    },
  };
  try {
    await pc.setLocalDescription(await pc.createOffer());
    await waitGathering(pc);
    const offer = pc.localDescription.sdp;
    checkLoopback(rt, offer, 'local offer');
    const r = await rt.http('POST', url, offer);
    if (r.status !== 201) fail(`POST ${url} answered ${r.status} (expected 201): ${String(r.body).slice(0, 200)}`);
    if (!/^application\/sdp/i.test(r.contentType ?? '')) fail(`answer Content-Type is '${r.contentType}', expected application/sdp`);
    if (!r.location) fail('201 without a Location header');
    location = r.location;
    checkLoopback(rt, r.body, 'answer');
    session.remoteMaxMessageSize = remoteMaxMessageSize(r.body);
    await pc.setRemoteDescription({ type: 'answer', sdp: r.body });
    await Promise.all([...channels.values()].map(({ ch }) => waitOpen(ch, OPEN_TIMEOUT_MS)));
    return session;
  } catch (e) {
    await session.close().catch(() => {});
    throw e;
  }
}

async function roundTrip(entry, message, what) {
  entry.ch.send(message);
  const got = await entry.inbox.take(ECHO_TIMEOUT_MS, `echo of ${what}`);
  return got;
}

function expectSame(sent, got, what) {
  if (typeof sent === 'string') {
    if (typeof got !== 'string') fail(`${what}: sent text, echo is ${describeMessage(got)}`);
    if (got !== sent) fail(`${what}: echo differs (sent ${sent.length} chars, got ${got.length}; first difference at ${firstDifference([...sent], [...got])})`);
    return;
  }
  if (typeof got === 'string') fail(`${what}: sent ${describeMessage(sent)}, echo is text`);
  if (got.length !== sent.length) fail(`${what}: sent ${sent.length} bytes, echo has ${got.length}`);
  const d = firstDifference(sent, got);
  if (d >= 0) fail(`${what}: echo differs at byte ${d}`);
}

// ---------------------------------------------------------------- the cases

export const TEXT_MESSAGES = [
  'hello',
  'héllo wörld — 日本語 — Ελληνικά — 🎉🧊 — ẞ',
  'x'.repeat(16 * 1024),
  '€'.repeat(5000), // 15000 UTF-8 bytes
  '', // last, so that a stack that cannot send it has had the others checked
];
const TEXT_NAMES = ['hello', 'non-ASCII', '16 KiB ASCII', '15000 UTF-8 bytes', 'empty string'];

async function caseText(rt, url) {
  const s = await connect(rt, url, [{ label: 'text' }]);
  try {
    const e = s.channels.get('text');
    for (const [i, m] of TEXT_MESSAGES.entries()) {
      const what = `text message ${i} (${TEXT_NAMES[i]})`;
      expectSame(m, await roundTrip(e, m, what), what);
    }
    return `${TEXT_MESSAGES.length} messages echoed exactly, incl. empty and non-ASCII`;
  } finally {
    await s.close();
  }
}

export const BINARY_SIZES = [1, 2, 255, 1024, 16383, 16384, 65535, 65536, 65537, 131072, 262144];

async function caseBinary(rt, url) {
  const s = await connect(rt, url, [{ label: 'binary' }]);
  try {
    const e = s.channels.get('binary');
    const limit = s.remoteMaxMessageSize;
    const largest = BINARY_SIZES[BINARY_SIZES.length - 1];
    if (limit !== 0 && limit < largest) {
      // Sending more than the remote allows is a protocol error (browsers throw, aiortc sends and
      // the message is lost): fail on the limit itself, before sending anything.
      fail(`the answer allows messages of at most ${limit} bytes (a=max-message-size, 65536 when absent); this case needs ${largest}`);
    }
    for (const size of BINARY_SIZES) {
      const m = pattern(size, size);
      let got;
      try {
        got = await roundTrip(e, rt.bytes(m), `${size} bytes`);
      } catch (err) {
        if (err instanceof CaseFailure) throw err;
        const mms = s.pc.sctp?.maxMessageSize;
        fail(`sending ${size} bytes: ${err?.message ?? err}${mms ? ` (sctp.maxMessageSize ${mms})` : ''}`);
      }
      expectSame(m, got, `${size}-byte message`);
    }
    return `${BINARY_SIZES.length} messages, 1 B to 256 KiB, byte-exact`;
  } finally {
    await s.close();
  }
}

const UNORDERED_COUNT = 200;
const UNORDERED_BURST = 20;
const UNORDERED_SIZE = 1024;

async function caseUnordered(rt, url) {
  const s = await connect(rt, url, [
    { label: 'unordered', options: { ordered: false, maxRetransmits: 0 } },
  ]);
  try {
    const { ch, inbox } = s.channels.get('unordered');
    if (ch.ordered !== false) fail(`channel.ordered is ${ch.ordered}, expected false`);
    if (ch.maxRetransmits !== 0) fail(`channel.maxRetransmits is ${ch.maxRetransmits}, expected 0`);
    const seen = new Set();
    let reordered = 0;
    let last = -1;
    // Bursts, each waited for, so that loopback never overflows a socket buffer: with
    // maxRetransmits 0 a message lost that way would not come back, and this case requires all.
    for (let b = 0; b < UNORDERED_COUNT; b += UNORDERED_BURST) {
      for (let i = b; i < b + UNORDERED_BURST; i++) {
        const m = pattern(UNORDERED_SIZE, 1000 + i);
        m[0] = i >> 8; m[1] = i & 0xff;
        ch.send(rt.bytes(m));
      }
      for (let k = 0; k < UNORDERED_BURST; k++) {
        const got = await inbox.take(ECHO_TIMEOUT_MS, `echo ${seen.size + 1} of ${UNORDERED_COUNT} (unordered, maxRetransmits 0)`);
        if (typeof got === 'string' || got.length !== UNORDERED_SIZE) fail(`unexpected echo: ${describeMessage(got)}`);
        const i = (got[0] << 8) | got[1];
        if (i >= UNORDERED_COUNT) fail(`echo carries unknown sequence number ${i}`);
        if (seen.has(i)) fail(`message ${i} echoed twice`);
        const want = pattern(UNORDERED_SIZE, 1000 + i);
        want[0] = i >> 8; want[1] = i & 0xff;
        expectSame(want, got, `unordered message ${i}`);
        if (i < last) reordered++;
        last = i;
        seen.add(i);
      }
    }
    return `${UNORDERED_COUNT} x ${UNORDERED_SIZE} B on ordered=false maxRetransmits=0: all echoed once, byte-exact, ${reordered} arrived out of order`;
  } finally {
    await s.close();
  }
}

const CHANNEL_COUNT = 32;

async function caseChannels(rt, url) {
  const labels = Array.from({ length: CHANNEL_COUNT }, (_, i) => `ch-${String(i).padStart(2, '0')}`);
  const s = await connect(rt, url, labels.map((label) => ({ label })));
  try {
    const ids = new Set([...s.channels.values()].map(({ ch }) => ch.id));
    if (ids.size !== CHANNEL_COUNT) fail(`${CHANNEL_COUNT} channels open but only ${ids.size} distinct stream ids`);
    // All channels at once: three messages on each before any echo is awaited.
    for (const label of labels) {
      const { ch } = s.channels.get(label);
      for (let k = 0; k < 3; k++) ch.send(`${label} #${k}`);
    }
    await Promise.all(labels.map(async (label) => {
      const { inbox } = s.channels.get(label);
      for (let k = 0; k < 3; k++) {
        const got = await inbox.take(ECHO_TIMEOUT_MS, `echo ${k} on ${label}`);
        expectSame(`${label} #${k}`, got, `message ${k} on ${label}`);
      }
    }));
    return `${CHANNEL_COUNT} channels open at once, 3 messages each echoed on the right channel in order`;
  } finally {
    await s.close();
  }
}

export const BULK_BYTES = 64 * 1024 * 1024;
export const BULK_CHUNK = 32 * 1024;
const BULK_HIGH_WATER = 4 * 1024 * 1024;       // pause sending when bufferedAmount exceeds this
const BULK_LOW_WATER = 1024 * 1024;            // bufferedamountlow threshold
const BULK_WINDOW = 8 * 1024 * 1024;           // at most this many bytes sent but not yet echoed
const BULK_STALL_MS = 20_000;

async function caseThroughput(rt, url) {
  const s = await connect(rt, url, [{ label: 'bulk' }]);
  try {
    const { ch } = s.channels.get('bulk');
    const chunks = BULK_BYTES / BULK_CHUNK;
    const template = pattern(BULK_CHUNK, 7);
    ch.bufferedAmountLowThreshold = BULK_LOW_WATER;
    let received = 0;      // chunks echoed
    let failure = null;
    let wake = null;
    const poke = () => { const w = wake; wake = null; if (w) w(); };
    ch.addEventListener('message', (ev) => {
      try {
        const got = normalize(ev.data);
        if (typeof got === 'string' || got.length !== BULK_CHUNK) fail(`echo ${received}: ${describeMessage(got)}`);
        const seq = ((got[0] << 24) | (got[1] << 16) | (got[2] << 8) | got[3]) >>> 0;
        if (seq !== received) fail(`echo ${received} carries sequence number ${seq} (reliable ordered channel)`);
        for (let i = 4; i < BULK_CHUNK; i++) {
          if (got[i] !== template[i]) fail(`echo of chunk ${seq} differs at byte ${i}`);
        }
        received++;
      } catch (e) {
        failure = failure ?? e;
      }
      poke();
    });
    ch.addEventListener('bufferedamountlow', poke);
    ch.addEventListener('close', () => { failure = failure ?? new CaseFailure('channel closed during the transfer'); poke(); });
    const waitProgress = (what) => new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new CaseFailure(`stalled for ${BULK_STALL_MS} ms ${what} (sent ${sent}, echoed ${received} of ${chunks} chunks, bufferedAmount ${ch.bufferedAmount})`)), BULK_STALL_MS);
      wake = () => { clearTimeout(t); resolve(); };
    });
    const start = rt.now();
    let sent = 0;
    while (sent < chunks) {
      if (failure) throw failure;
      if (ch.bufferedAmount > BULK_HIGH_WATER || (sent - received) * BULK_CHUNK >= BULK_WINDOW) {
        await waitProgress('sending');
        continue;
      }
      const buf = new Uint8Array(template); // a fresh message each time: a stack may queue it uncopied
      buf[0] = sent >>> 24; buf[1] = (sent >>> 16) & 0xff; buf[2] = (sent >>> 8) & 0xff; buf[3] = sent & 0xff;
      ch.send(rt.bytes(buf));
      sent++;
    }
    while (received < chunks) {
      if (failure) throw failure;
      await waitProgress('draining');
    }
    if (failure) throw failure;
    const secs = (rt.now() - start) / 1000;
    const mbps = BULK_BYTES / 1e6 / secs;
    return `64 MiB in ${BULK_CHUNK / 1024} KiB messages echoed byte-exact in ${secs.toFixed(2)} s: ${mbps.toFixed(1)} MB/s each way`;
  } finally {
    await s.close();
  }
}

const RECONNECT_ROUNDS = 3;

async function caseCloseReconnect(rt, url) {
  const locations = [];
  for (let round = 0; round < RECONNECT_ROUNDS; round++) {
    const s = await connect(rt, url, [{ label: 'again' }]);
    try {
      const e = s.channels.get('again');
      const m = `round ${round}`;
      expectSame(m, await roundTrip(e, m, m), m);
      locations.push(s.location);
      // Close the channel first and see it close, then the connection and the session.
      const closed = new Promise((resolve) => e.ch.addEventListener('close', resolve));
      e.ch.close();
      await withTimeout(closed, ECHO_TIMEOUT_MS, `channel close in ${m}`);
    } finally {
      await s.close();
    }
  }
  if (new Set(locations).size !== RECONNECT_ROUNDS) fail(`sessions reused a Location: ${locations.join(', ')}`);
  return `${RECONNECT_ROUNDS} sessions opened, echoed, channel closed, DELETEd (${locations.length} distinct Locations)`;
}

/** connect, one round trip, then onReady() and never resolve (the runner kills the process). */
export async function hold(rt, url, onReady) {
  const s = await connect(rt, url, [{ label: 'hold' }]);
  const e = s.channels.get('hold');
  expectSame('hold', await roundTrip(e, 'hold', 'hold'), 'hold');
  onReady();
  return new Promise(() => {});
}

const RUNNERS = {
  text: caseText,
  binary: caseBinary,
  'unordered-unreliable': caseUnordered,
  'channels-32': caseChannels,
  'throughput-64MiB': caseThroughput,
  'close-reconnect': caseCloseReconnect,
};

/** Runs one case; resolves to its detail string, rejects with the reason. */
export function runCase(rt, name, url) {
  const run = RUNNERS[name];
  if (!run) return Promise.reject(new CaseFailure(`unknown case '${name}' (known: ${CASES.join(', ')})`));
  return run(rt, url);
}
