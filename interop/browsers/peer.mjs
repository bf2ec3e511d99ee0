#!/usr/bin/env node
// One browser as a remote-controlled WebRTC peer, for the interop suite: a test (in Java, or
// any language) starts this process inside the same loopback-only namespace as itself and
// drives the browser with JSON lines on stdin/stdout.
//
//   node interop/browsers/peer.mjs --browser chrome|firefox
//
// Protocol (one JSON object per line, UTF-8):
//   first line out:  {"ready":true,"browser":"chrome","version":"156.0.8078.114","userAgent":"..."}
//   request in:      {"id":1,"method":"newPc","params":{"id":"pc1","config":{}}}
//   response out:    {"id":1,"result":true}     or     {"id":1,"error":"message"}
// Requests run concurrently (e.g. waitConnected while another call is pending); each response
// carries its request id. Methods are those of page/harness.js (newPc, addUserMedia,
// addTransceiver, createDataChannel, offer, answer, setRemote, addIceCandidate, waitConnected,
// waitChannelOpen, send, waitMessage, state, stats, close, userAgent, takeCandidates) plus
// "quit". offer/answer take waitForGathering: false for trickle ICE (then takeCandidates).
// Diagnostics go to stderr; stdout carries only protocol lines.
//
// Network rule: every SDP and candidate passing through here, in either direction, is checked;
// a description or candidate naming a non-loopback address is refused with an error and never
// reaches the browser (or the caller).
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { startPageServer } from './lib/page-server.mjs';
import { LAUNCHERS } from './lib/browsers.mjs';
import { loopbackViolations, isLoopback } from './lib/loopback-guard.mjs';

const { values: opts } = parseArgs({ options: { browser: { type: 'string', default: 'chrome' } } });
const launch = LAUNCHERS[opts.browser];
if (!launch) {
  process.stderr.write(`peer.mjs: unknown browser '${opts.browser}' (chrome, firefox)\n`);
  process.exit(2);
}

const PAGE_METHODS = new Set(['newPc', 'addUserMedia', 'addTransceiver', 'createDataChannel',
  'offer', 'answer', 'setRemote', 'addIceCandidate', 'waitConnected', 'waitChannelOpen', 'send',
  'waitMessage', 'state', 'stats', 'close', 'userAgent', 'takeCandidates']);

function checkInbound(sdp, what) {
  const v = loopbackViolations(sdp ?? '');
  if (v.length > 0) {
    throw new Error(`network rule: ${what} names a non-loopback address; not passed to the `
      + `browser: ${v.map((x) => `line ${x.line}: ${x.text}`).join('; ')}`);
  }
}

function checkCandidate(candidate) {
  const line = typeof candidate === 'string' ? candidate : candidate?.candidate;
  if (!line) return; // end-of-candidates
  const f = line.replace(/^a=/, '').replace(/^candidate:/, '').trim().split(/\s+/);
  if (f.length < 8 || !isLoopback(f[4])) {
    throw new Error(`network rule: candidate '${line}' is not a loopback candidate; not passed on`);
  }
}

const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);

async function main() {
  const server = await startPageServer();
  const peer = await launch(server.url);
  let quitting = false;
  const shutdown = async (code) => {
    if (quitting) return;
    quitting = true;
    await peer.close().catch((e) => process.stderr.write(`peer.mjs: close: ${e}\n`));
    await server.close();
    process.exit(code);
  };
  process.on('SIGTERM', () => shutdown(143));
  process.on('SIGINT', () => shutdown(130));

  out({ ready: true, browser: peer.name, version: peer.version, userAgent: await peer.call('userAgent') });

  const handle = async (req) => {
    const { method, params = {} } = req;
    if (method === 'quit') return true;
    if (!PAGE_METHODS.has(method)) throw new Error(`unknown method '${method}'`);
    if (method === 'answer') checkInbound(params.offer?.sdp, 'remote offer');
    if (method === 'setRemote') checkInbound(params.description?.sdp, 'remote description');
    if (method === 'addIceCandidate') checkCandidate(params.candidate);
    if (method === 'offer' || method === 'answer') {
      return peer.description(method, params, `local ${method}`);
    }
    const result = await peer.call(method, params);
    if (method === 'takeCandidates') result.forEach(checkCandidate);
    if (method === 'state') {
      for (const d of [result.localDescription, result.remoteDescription]) {
        if (d) checkInbound(d.sdp, 'description');
      }
    }
    return result;
  };

  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let req;
    try {
      req = JSON.parse(line);
    } catch (e) {
      out({ id: null, error: `bad request line: ${e.message}` });
      return;
    }
    handle(req).then(
      (result) => {
        out({ id: req.id, result: result ?? null });
        if (req.method === 'quit') shutdown(0);
      },
      (e) => out({ id: req.id, error: String(e?.message ?? e) }),
    );
  });
  rl.on('close', () => shutdown(0)); // the test went away: do not outlive it
}

main().catch((e) => {
  process.stderr.write(`peer.mjs: FAILED: ${e.stack || e}\n`);
  process.exit(1);
});
