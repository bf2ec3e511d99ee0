// The data-channel workloads, written once for libwebrtc. Each mirrors a method of
// dev.webrtc4j.cli.bench.DataChannelWorkloads, with the same sizes, counts and definitions.
import { connectPair, nowNs } from './pair.mjs';
import { median, percentile } from './stats.mjs';

/**
 * One figure: a JSON line that `webrtc4j bench compare` reads. `samples` are listed when there
 * are few of them (setup, throughput); a percentile over a thousand round trips gives only `n`.
 */
export function figure(name, stat, value, unit, better, samples, n = samples.length) {
  return { figure: name, stat, value, unit, better, n, samples };
}

/**
 * Setup times (ms), trickled and gathering-complete alternately (as the Java side does, so both
 * modes see the same warmth), `runs` counted pairs of each after `warmup` uncounted ones.
 */
export async function setups({ runs, warmup }) {
  const trickled = [];
  const gathered = [];
  for (let i = 0; i < warmup + runs; i++) {
    for (const trickle of [true, false]) {
      const pair = await connectPair({ trickle });
      pair.close();
      if (i >= warmup) (trickle ? trickled : gathered).push(pair.setupMs);
    }
  }
  return [
    figure('setup_trickled', 'median', median(trickled), 'ms', 'lower', trickled),
    figure('setup_gathered', 'median', median(gathered), 'ms', 'lower', gathered),
    // What this side got (webrtc4j may run more: it warms until its JIT settled), not a result.
    figure('setup_warmup', 'count', warmup, 'setup', 'none', [], 1),
  ];
}

function message(size, seq) {
  const m = new Uint8Array(size);
  for (let i = 4; i < size; i++) m[i] = i & 0xff;
  new DataView(m.buffer).setUint32(0, seq);
  return m;
}

/**
 * Sends `bytes` in `messageSize` messages from A to B, keeping A's bufferedAmount at or under
 * `highWater` and refilling on bufferedamountlow (`lowThreshold`). Resolves when the sender is
 * done and (reliable) everything arrived, or (unreliable) nothing arrived for `quietMs`.
 * Returns { seconds, sentMessages, receivedMessages, receivedBytes }.
 */
function transfer(pair, { bytes, messageSize, lowThreshold, highWater, reliable, quietMs = 500 }) {
  const { dcA, dcB } = pair;
  dcA.binaryType = 'arraybuffer';
  dcB.binaryType = 'arraybuffer';
  const total = Math.ceil(bytes / messageSize);
  const template = message(messageSize, 0);
  const view = new DataView(template.buffer);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let received = 0;
    let receivedBytes = 0;
    let nextSeq = 0;
    let lastArrival = null;
    let quietTimer = null;
    const t0 = nowNs();
    const finish = () => {
      const seconds = Number((lastArrival ?? nowNs()) - t0) / 1e9;
      dcA.onbufferedamountlow = null;
      dcB.onmessage = null;
      clearTimeout(pollTimer);
      pollTimer = -1; // no further polls
      resolve({ seconds, sentMessages: sent, receivedMessages: received, receivedBytes });
    };
    const armQuiet = () => {
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => { if (sent === total && dcA.bufferedAmount === 0) finish(); else armQuiet(); }, quietMs);
    };
    dcB.onmessage = (e) => {
      const seq = new DataView(e.data).getUint32(0);
      if (reliable && seq !== nextSeq) {
        reject(new Error(`reliable ordered channel delivered message ${seq}, expected ${nextSeq}`));
        return;
      }
      nextSeq = seq + 1;
      received++;
      receivedBytes += e.data.byteLength;
      lastArrival = nowNs();
      if (received === total) {
        clearTimeout(quietTimer);
        finish();
      } else if (!reliable && sent === total) {
        armQuiet();
      }
    };
    const pump = () => {
      try {
        while (sent < total && dcA.bufferedAmount <= highWater) {
          const last = sent === total - 1 && bytes % messageSize !== 0;
          view.setUint32(0, sent);
          dcA.send(last ? template.subarray(0, bytes % messageSize) : template);
          sent++;
        }
        if (sent === total) {
          if (!reliable) armQuiet();
        } else {
          schedulePoll();
        }
      } catch (e) {
        reject(e);
      }
    };
    // node-webrtc never fires bufferedamountlow (node-webrtc issue 305, still open; the wrapper
    // does not forward libwebrtc's OnBufferedAmountChange), so the threshold is also checked
    // every millisecond: the pump refills when bufferedAmount has fallen to lowThreshold, which
    // is what the event would have signalled. If a later release fires the event, it is used too.
    let pollTimer = null;
    const schedulePoll = () => {
      if (pollTimer !== null) return; // one pending poll at a time; -1 once finished
      pollTimer = setTimeout(function poll() {
        pollTimer = null;
        if (dcA.bufferedAmount <= lowThreshold) pump();
        else schedulePoll();
      }, 1);
    };
    dcA.bufferedAmountLowThreshold = lowThreshold;
    dcA.onbufferedamountlow = pump;
    pump();
  });
}

/**
 * Reliable ordered throughput (MB/s, 10^6 bytes), median over `throughputRuns` transfers, each on a
 * fresh pair, after `throughputWarmup` uncounted ones (as webrtc4j does; a native stack needs no JIT
 * warm-up, but both sides run the same workload).
 */
export async function throughput(o, log = () => {}) {
  for (let i = 0; i < o.throughputWarmup; i++) {
    const r = await reliableTransfer(o);
    log(`  warm-up ${i + 1}: ${r.mbps.toFixed(1)} MB/s, ${cpuText(r)} (not counted)`);
  }
  const samples = [];
  for (let i = 0; i < o.throughputRuns; i++) {
    const r = await reliableTransfer(o);
    samples.push(r.mbps);
    log(`  run ${i + 1}: ${r.mbps.toFixed(1)} MB/s, ${cpuText(r)}`);
  }
  return figure('throughput_reliable', 'median', median(samples), 'MB/s', 'higher', samples);
}

const cpuText = (r) => `process CPU ${(r.userPerGiB + r.systemPerGiB).toFixed(2)} s per GiB (user ${r.userPerGiB.toFixed(2)}, system ${r.systemPerGiB.toFixed(2)})`;

/**
 * One reliable transfer of `o.bytes` on a fresh pair: MB/s, and the CPU time the whole process
 * (all of libwebrtc's threads and Node's) spent during it per GiB moved, a figure that a busy
 * machine does not change the way it changes MB/s.
 */
async function reliableTransfer(o) {
  const pair = await connectPair({ trickle: true });
  try {
    const cpu0 = process.cpuUsage();
    const r = await transfer(pair, { ...o, bytes: o.bytes, reliable: true });
    const cpu = process.cpuUsage(cpu0);
    const gib = r.receivedBytes / 2 ** 30;
    return { mbps: r.receivedBytes / 1e6 / r.seconds, userPerGiB: cpu.user / 1e6 / gib, systemPerGiB: cpu.system / 1e6 / gib };
  } finally {
    pair.close();
  }
}

/** Unordered, maxRetransmits 0: throughput of what arrived (MB/s) and message loss (%), one run. */
export async function unreliable(o) {
  const pair = await connectPair({ trickle: true, channelInit: { ordered: false, maxRetransmits: 0 } });
  try {
    const r = await transfer(pair, { ...o, bytes: o.unreliableBytes, reliable: false });
    const mbps = r.receivedBytes / 1e6 / r.seconds;
    const loss = (100 * (r.sentMessages - r.receivedMessages)) / r.sentMessages;
    return [
      figure('throughput_unreliable', 'single', mbps, 'MB/s', 'higher', [mbps]),
      figure('loss_unreliable', 'single', loss, '%', 'lower', [loss]),
    ];
  } finally {
    pair.close();
  }
}

/** Round trips of `pingSize`-byte messages on a reliable ordered channel: B echoes, A times (µs). */
export async function pingpong(o) {
  const pair = await connectPair({ trickle: true });
  try {
    const { dcA, dcB } = pair;
    dcA.binaryType = 'arraybuffer';
    dcB.binaryType = 'arraybuffer';
    dcB.onmessage = (e) => dcB.send(e.data);
    const msg = message(o.pingSize, 0);
    const view = new DataView(msg.buffer);
    const samples = [];
    for (let i = 0; i < o.pingWarmup + o.pings; i++) {
      const reply = new Promise((resolve) => { dcA.onmessage = (e) => resolve(e.data); });
      view.setUint32(0, i);
      const t0 = nowNs();
      dcA.send(msg);
      const data = await reply;
      const us = Number(nowNs() - t0) / 1e3;
      if (new DataView(data).getUint32(0) !== i) throw new Error(`ping ${i}: wrong echo`);
      if (i >= o.pingWarmup) samples.push(us);
    }
    return [
      figure('rtt_p50', 'p50', percentile(samples, 50), 'us', 'lower', [], samples.length),
      figure('rtt_p99', 'p99', percentile(samples, 99), 'us', 'lower', [], samples.length),
      // What this side ran uncounted (webrtc4j may run more, until its JIT settled).
      figure('ping_warmup', 'count', o.pingWarmup, 'round trip', 'none', [], 1),
    ];
  } finally {
    pair.close();
  }
}
