#!/usr/bin/env node
// The interop suite runner. Run it through ../run-suite.sh, which puts it (and so every peer, the
// echo server under test and the offerer under test) in a fresh loopback-only network namespace.
//
// Two roles for every peer P (werift, aiortc, chrome, firefox):
//   P/offerer/CASE   P's driver offers to the echo server under test (--server, default
//                    `./webrtc4j echo`), through the runner's guard proxy.
//   P/answerer/CASE  P's driver serves echo; the offerer under test (--offerer, default
//                    `./webrtc4j interop-offer`) offers to it, through the guard proxy.
// CASE is one of cases.mjs CASES, plus peer-killed: the offerer is SIGKILLed (its whole process
// tree, by pid) while connected, then the echo side must still serve a close-reconnect run.
//
// Prints `PASS name (details)` / `FAIL name: reason` per case and `N passed, M failed` at the end;
// exits 1 if anything failed. A peer that cannot run fails its cases; nothing is skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CASES, HOLD } from './common/cases.mjs';
import { startGuardProxy } from './lib/guard-proxy.mjs';
import { start, stop, killTree, fillTemplate, freePort, waitListening } from './lib/procs.mjs';
import { assertLoopbackOnlyNamespace } from '../browsers/lib/browsers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const PEER_KILLED = 'peer-killed';
const HEALTH_CASE = 'close-reconnect';   // what the echo side must still serve after a kill

const DRIVERS = {
  werift: `node ${HERE}/peers/werift.mjs`,
  aiortc: `/usr/bin/python3 ${HERE}/python/aiortc_peer.py`,
  chrome: `node ${HERE}/peers/browser.mjs --browser chrome`,
  firefox: `node ${HERE}/peers/browser.mjs --browser firefox`,
};

const { values: opts } = parseArgs({
  options: {
    server: { type: 'string', default: './webrtc4j echo --listen 127.0.0.1:{port} --ice-loopback' },
    'server-name': { type: 'string', default: 'webrtc4j' },
    offerer: { type: 'string', default: './webrtc4j interop-offer --url {url} --case {case}' },
    peers: { type: 'string', default: 'werift,aiortc,chrome,firefox' },
    roles: { type: 'string', default: 'offerer,answerer' },
    cases: { type: 'string', default: [...CASES, PEER_KILLED].join(',') },
    'log-dir': { type: 'string' },
    'case-timeout': { type: 'string', default: '90' },
    'throughput-timeout': { type: 'string', default: '240' },
    'start-timeout': { type: 'string', default: '120' },
  },
});
const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
const peers = list(opts.peers);
const roles = list(opts.roles);
const cases = list(opts.cases);
for (const p of peers) if (!DRIVERS[p]) throw new Error(`unknown peer '${p}' (known: ${Object.keys(DRIVERS)})`);
for (const r of roles) if (!['offerer', 'answerer'].includes(r)) throw new Error(`unknown role '${r}'`);
for (const c of cases) if (![...CASES, PEER_KILLED].includes(c)) throw new Error(`unknown case '${c}'`);
const logDir = opts['log-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'w4j-interop-'));
fs.mkdirSync(logDir, { recursive: true });
const startTimeoutMs = Number(opts['start-timeout']) * 1000;
const timeoutFor = (c) => 1000 * Number(c === 'throughput-64MiB' ? opts['throughput-timeout'] : opts['case-timeout']);

const results = [];
function result(name, ok, text, ms) {
  results.push({ name, ok });
  const t = ms === undefined ? '' : `; ${(ms / 1000).toFixed(1)} s`;
  console.log(ok ? `PASS ${name} (${text}${t})` : `FAIL ${name}: ${text}${t}`);
}

/**
 * An echo side (the server under test, or a peer driver in echo mode) that is restarted when it
 * has died, so that one crash fails its case and not every later one.
 */
class EchoSide {
  constructor(label, commandFor) {
    this.label = label;
    this.commandFor = commandFor;   // port -> shell command
    this.proc = null;
    this.proxy = null;
    this.deaths = [];
    this.startFailure = null;
  }

  alive() { return this.proc && this.proc.child.exitCode === null && this.proc.child.signalCode === null; }

  async ensure() {
    // One failed start is final for this echo side: retrying for every case would cost the start
    // timeout each time (a missing subcommand fails at once, a hanging one would not).
    if (this.startFailure) throw new Error(`${this.startFailure} (at its first start; not retried)`);
    if (this.alive()) return;
    try {
      await this.startOnce();
    } catch (e) {
      this.startFailure = e.message;
      if (this.proc) {
        killTree(this.proc.child.pid, 'SIGKILL');
        await this.proc.exited;
      }
      throw e;
    }
  }

  async startOnce() {
    if (this.proc) {
      const r = await this.proc.exited;
      this.deaths.push(`exited (code ${r.code}, signal ${r.signal})`);
      await this.proxy?.close();
    }
    const port = await freePort();
    const cmd = this.commandFor(port);
    this.proc = start(cmd, { cwd: REPO, logFile: path.join(logDir, `${this.label}.log`) });
    await waitListening(port, startTimeoutMs, this.proc.exited);
    this.proxy = await startGuardProxy(`http://127.0.0.1:${port}/offer`, logDir);
  }

  /** Died since the last call? Returns the reason, or null. */
  takeDeath() {
    if (this.proc && !this.alive()) return `${this.label} exited (code ${this.proc.child.exitCode}, signal ${this.proc.child.signalCode})`;
    return null;
  }

  async close() {
    if (this.proc) await stop(this.proc);
    await this.proxy?.close();
  }
}

/** Runs one offerer process for one case; resolves to { ok, text }. */
async function runOfferer(name, template, url, caseName, tag) {
  const cmd = fillTemplate(template, { url, case: caseName });
  const proc = start(cmd, { cwd: REPO, logFile: path.join(logDir, `${tag}.log`) });
  const ms = timeoutFor(caseName);
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; killTree(proc.child.pid, 'SIGKILL'); }, ms);
  const r = await proc.exited;
  clearTimeout(timer);
  if (timedOut) return { ok: false, text: `timed out after ${ms / 1000} s (killed); log ${tag}.log` };
  const line = [...proc.lines].reverse().find((l) => /^(PASS|FAIL) /.test(l));
  if (!line) return { ok: false, text: `no PASS/FAIL line (exit code ${r.code}, signal ${r.signal}); log ${tag}.log` };
  const m = /^(PASS|FAIL) (\S+)(?: \((.*)\)|: (.*))?$/.exec(line);
  if (!m || m[2] !== caseName) return { ok: false, text: `unexpected result line '${line}'` };
  if (m[1] === 'PASS' && r.code !== 0) return { ok: false, text: `PASS line but exit code ${r.code}` };
  if (m[1] === 'FAIL' && r.code === 0) return { ok: false, text: `FAIL line but exit code 0: ${m[4]}` };
  return { ok: m[1] === 'PASS', text: m[1] === 'PASS' ? (m[3] ?? '') : `${m[4] ?? ''}; log ${tag}.log` };
}

/** peer-killed: offerer holds a session, is SIGKILLed, then the echo side must still serve. */
async function runPeerKilled(template, echo, tag) {
  const cmd = fillTemplate(template, { url: echo.proxy.url, case: HOLD });
  let ready;
  const isReady = new Promise((resolve) => { ready = resolve; });
  const proc = start(cmd, { cwd: REPO, logFile: path.join(logDir, `${tag}.log`), onLine: (l) => { if (l === 'READY') ready(true); } });
  const ms = timeoutFor(HOLD);
  const outcome = await Promise.race([
    isReady,
    proc.exited.then((r) => `exited (code ${r.code}) before READY`),
    new Promise((resolve) => setTimeout(() => resolve(`no READY within ${ms / 1000} s`), ms)),
  ]);
  if (outcome !== true) {
    killTree(proc.child.pid, 'SIGKILL');
    await proc.exited;
    return { ok: false, text: `offerer did not connect: ${outcome}; log ${tag}.log` };
  }
  const killed = killTree(proc.child.pid, 'SIGKILL');
  await proc.exited;
  const death = echo.takeDeath();
  if (death) return { ok: false, text: `after the offerer was killed: ${death}` };
  echo.proxy.setTag(`${tag}.after`);
  const after = await runOfferer(`${tag}.after`, template, echo.proxy.url, HEALTH_CASE, `${tag}.after`);
  const death2 = echo.takeDeath();
  if (death2) return { ok: false, text: `after the offerer was killed: ${death2}` };
  if (!after.ok) return { ok: false, text: `offerer SIGKILLed while connected; then ${HEALTH_CASE} failed: ${after.text}` };
  return { ok: true, text: `offerer SIGKILLed while connected (${killed.length} processes); ${echo.label} then served ${HEALTH_CASE}: ${after.text}` };
}

async function runCasesAgainst(echo, offererTemplate, nameOf) {
  for (const c of cases) {
    const name = nameOf(c);
    const tag = name.replace(/[^\w.-]+/g, '_');
    const t0 = Date.now();
    try {
      await echo.ensure();
    } catch (e) {
      result(name, false, `${echo.label} could not start: ${e.message}; log ${echo.label}.log`);
      continue;
    }
    echo.proxy.setTag(tag);
    const r = c === PEER_KILLED
      ? await runPeerKilled(offererTemplate, echo, tag)
      : await runOfferer(name, offererTemplate, echo.proxy.url, c, tag);
    const violations = echo.proxy.takeViolations();
    const death = echo.takeDeath();
    if (violations.length > 0) result(name, false, violations.join('; '), Date.now() - t0);
    else if (death) result(name, false, `${death} during the case; ${r.text}`, Date.now() - t0);
    else result(name, r.ok, r.text, Date.now() - t0);
  }
}

async function main() {
  assertLoopbackOnlyNamespace();
  const t0 = Date.now();
  console.log(`interop suite: server under test '${opts.server}', offerer under test '${opts.offerer}'; `
    + `peers ${peers.join(',')}; roles ${roles.join(',')}; logs in ${logDir}`);
  if (roles.includes('offerer')) {
    const server = new EchoSide(opts['server-name'], (port) => fillTemplate(opts.server, { port }));
    try {
      for (const p of peers) {
        await runCasesAgainst(server, `${DRIVERS[p]} offer --url {url} --case {case}`,
          (c) => `${p}/offerer/${c}`);
      }
    } finally {
      await server.close();
    }
  }
  if (roles.includes('answerer')) {
    for (const p of peers) {
      const echo = new EchoSide(`${p}-echo`, (port) => `${DRIVERS[p]} echo --port ${port}`);
      try {
        await runCasesAgainst(echo, opts.offerer, (c) => `${p}/answerer/${c}`);
      } finally {
        await echo.close();
      }
    }
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`interop suite took ${((Date.now() - t0) / 1000).toFixed(0)} s; logs in ${logDir}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && results.length > 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => {
  console.error(`run-suite: ${e?.stack ?? e}`);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
});
