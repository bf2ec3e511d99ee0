// Command-line options of the reference benchmark. They are the same names, defaults and `--quick`
// values as `webrtc4j bench` (dev.webrtc4j.cli.bench.BenchOptions), so `webrtc4j bench compare`
// passes its own options through unchanged and both sides run the same workloads.
import { parseArgs } from 'node:util';

export const WORKLOADS = ['setup', 'throughput', 'pingpong', 'unreliable'];

export const DEFAULTS = Object.freeze({
  workloads: WORKLOADS,
  setupRuns: 20,
  setupWarmup: 200,
  bytes: 256 * 1024 * 1024,
  messageSize: 64 * 1024,
  throughputRuns: 3,
  throughputWarmup: 1,
  lowThreshold: 1024 * 1024,
  highWater: 4 * 1024 * 1024,
  pings: 1000,
  pingSize: 100,
  pingWarmup: 3000,
  unreliableBytes: 256 * 1024 * 1024,
});

/** What `--quick` changes: small enough for a smoke run in a few seconds. */
export const QUICK = Object.freeze({
  setupRuns: 5,
  setupWarmup: 2,
  bytes: 16 * 1024 * 1024,
  throughputRuns: 1,
  throughputWarmup: 0,
  pings: 200,
  pingWarmup: 20,
  unreliableBytes: 16 * 1024 * 1024,
});

const NUMERIC = {
  'setup-runs': 'setupRuns',
  'setup-warmup': 'setupWarmup',
  bytes: 'bytes',
  'message-size': 'messageSize',
  'throughput-runs': 'throughputRuns',
  'throughput-warmup': 'throughputWarmup',
  'low-threshold': 'lowThreshold',
  'high-water': 'highWater',
  pings: 'pings',
  'ping-size': 'pingSize',
  'ping-warmup': 'pingWarmup',
  'unreliable-bytes': 'unreliableBytes',
};

/** A byte count or a count: digits with an optional binary suffix k (KiB), m (MiB) or g (GiB). */
export function parseSize(text, name) {
  const m = /^(\d+)([kmg]?)$/i.exec(String(text).trim());
  if (!m) throw new RangeError(`--${name}: '${text}' is not a number (digits, optional k/m/g suffix)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()];
  const v = Number(m[1]) * mult;
  if (!Number.isSafeInteger(v)) throw new RangeError(`--${name}: '${text}' is too large`);
  return v;
}

export function parseOptions(argv) {
  const spec = { quick: { type: 'boolean' }, workloads: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
  for (const k of Object.keys(NUMERIC)) spec[k] = { type: 'string' };
  const { values } = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false });
  const o = { ...DEFAULTS, ...(values.quick ? QUICK : {}), quick: !!values.quick, help: !!values.help };
  for (const [flag, key] of Object.entries(NUMERIC)) {
    if (values[flag] !== undefined) o[key] = parseSize(values[flag], flag);
  }
  if (values.workloads !== undefined) {
    const list = values.workloads.split(',').map((s) => s.trim()).filter(Boolean);
    for (const w of list) {
      if (!WORKLOADS.includes(w)) throw new RangeError(`--workloads: unknown workload '${w}' (known: ${WORKLOADS.join(',')})`);
    }
    if (list.length === 0) throw new RangeError('--workloads: empty list');
    o.workloads = list;
  }
  for (const key of ['setupRuns', 'throughputRuns', 'pings', 'messageSize', 'pingSize', 'bytes', 'unreliableBytes']) {
    if (o[key] < 1) throw new RangeError(`${key} must be at least 1`);
  }
  if (o.pingSize < 4) throw new RangeError('ping-size must be at least 4 (the sequence number)');
  if (o.messageSize < 4) throw new RangeError('message-size must be at least 4 (the sequence number)');
  if (o.lowThreshold > o.highWater) throw new RangeError('low-threshold must not exceed high-water');
  return o;
}
