#!/usr/bin/env node
// libwebrtc reference for `webrtc4j bench compare` (issue 6): the data-channel workloads of
// `webrtc4j bench datachannel`, on @roamhq/wrtc (libwebrtc in Node), two RTCPeerConnections in one
// process over loopback. Prints one JSON line per figure on stdout; progress goes to stderr.
//
//   interop/browsers/netns.sh node bench-reference/bench.mjs [--quick] [options]
//
// Network rule: libwebrtc gathers on every interface, so this refuses to run unless the only
// interfaces it can see are loopback (a loopback-only network namespace, as netns.sh makes).
// Options: see lib/options.mjs or --help.
import os from 'node:os';
import { createRequire } from 'node:module';
import { DEFAULTS, parseOptions } from './lib/options.mjs';
import { releaseReport } from './lib/pair.mjs';
import { collectClosed } from './lib/release.mjs';
import { pingpong, setups, throughput, unreliable } from './lib/workloads.mjs';

const USAGE = `usage: node bench.mjs [--quick] [--workloads setup,throughput,pingpong,unreliable]
  [--setup-runs N] [--setup-warmup N] [--bytes SIZE] [--message-size SIZE] [--throughput-runs N]
  [--throughput-warmup N] [--low-threshold SIZE] [--high-water SIZE] [--pings N] [--ping-size SIZE] [--ping-warmup N]
  [--unreliable-bytes SIZE]        SIZE: digits with optional k/m/g (KiB/MiB/GiB)
defaults: ${JSON.stringify(DEFAULTS)}`;

function nonLoopbackInterfaces() {
  const out = [];
  for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
    for (const a of addrs ?? []) if (!a.internal) out.push(`${name} ${a.address}`);
  }
  return out;
}

async function main() {
  let o;
  try {
    o = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(`bench.mjs: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (o.help) {
    console.log(USAGE);
    return 0;
  }
  const outside = nonLoopbackInterfaces();
  if (outside.length > 0) {
    console.error(`bench.mjs: network rule: interfaces other than loopback are up (${outside.join(', ')}).\n` +
      'Run inside a loopback-only namespace: interop/browsers/netns.sh node bench-reference/bench.mjs ...');
    return 3;
  }
  const require = createRequire(import.meta.url);
  const version = require('@roamhq/wrtc/package.json').version;
  const emit = (f) => console.log(JSON.stringify({ impl: 'libwebrtc', ...f }));
  console.log(JSON.stringify({ impl: 'libwebrtc', meta: { package: `@roamhq/wrtc ${version}`, node: process.version, options: o } }));
  const log = (s) => console.error(`[libwebrtc] ${s}`);
  // Each workload starts with no closed pair's threads left (connectPair leaves up to a few).
  const cleanSlate = async () => {
    const { live } = await collectClosed({ keep: 0 });
    if (live) log(`${live} libwebrtc factories of closed pairs could not be freed before this workload`);
  };
  if (o.workloads.includes('setup')) {
    await cleanSlate();
    log(`setup, trickled and gathering complete alternately: ${o.setupWarmup} warm-up + ${o.setupRuns} runs each`);
    for (const f of await setups({ runs: o.setupRuns, warmup: o.setupWarmup })) emit(f);
  }
  if (o.workloads.includes('throughput')) {
    await cleanSlate();
    log(`reliable throughput: ${o.throughputWarmup} warm-up + ${o.throughputRuns} x ${o.bytes} B in ${o.messageSize} B messages`);
    emit(await throughput(o, log));
  }
  if (o.workloads.includes('pingpong')) {
    await cleanSlate();
    log(`ping-pong: ${o.pingWarmup} warm-up + ${o.pings} x ${o.pingSize} B`);
    for (const f of await pingpong(o)) emit(f);
  }
  if (o.workloads.includes('unreliable')) {
    await cleanSlate();
    log(`unreliable throughput: ${o.unreliableBytes} B in ${o.messageSize} B messages`);
    for (const f of await unreliable(o)) emit(f);
  }
  // The closed pairs' libwebrtc threads were freed before each new pair (lib/release.mjs); say
  // whether some survived, since they would have burdened the figures above.
  log(`${releaseReport.pairs} pairs; libwebrtc factories of closed pairs still alive when a pair was built: ` +
    (releaseReport.leftMax === null ? 'not counted (no /proc/self/task)' : `at most ${releaseReport.leftMax}`) +
    ` (${releaseReport.collections} collections, ${(releaseReport.ms / 1000).toFixed(1)} s, none timed)`);
  return 0;
}

main().then(
  (rc) => process.exit(rc),
  (e) => {
    console.error(`bench.mjs: ${e.stack ?? e}`);
    process.exit(1);
  },
);
