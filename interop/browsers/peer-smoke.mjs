#!/usr/bin/env node
// Smoke test of the peer.mjs protocol, the way an interop test drives it: two peer.mjs
// processes (Chromium and Firefox), SDP relayed through this process, a data channel message
// each way. Run it through the namespace script:
//   interop/browsers/run-in-netns.sh peer-smoke.mjs
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function startPeer(browser) {
  const child = spawn(process.execPath, [path.join(HERE, 'peer.mjs'), '--browser', browser],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  const pending = new Map();
  let nextId = 1;
  let onReady;
  const ready = new Promise((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code) => reject(new Error(`${browser} peer exited with ${code}`)));
  });
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const msg = JSON.parse(line);
    if (msg.ready) { onReady(msg); return; }
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(`${browser}: ${msg.error}`));
    else p.resolve(msg.result);
  });
  const call = (method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
  });
  return { browser, ready, call, child };
}

const timeout = setTimeout(() => { console.error('peer-smoke: timed out'); process.exit(1); }, 120_000);
const c = startPeer('chrome');
const f = startPeer('firefox');
try {
  const [ci, fi] = await Promise.all([c.ready, f.ready]);
  console.log(`ready: ${ci.browser} ${ci.version}, ${fi.browser} ${fi.version}`);
  await c.call('newPc', { id: 'a' });
  await c.call('createDataChannel', { id: 'a', label: 'smoke' });
  const offer = await c.call('offer', { id: 'a' });
  await f.call('newPc', { id: 'b' });
  const answer = await f.call('answer', { id: 'b', offer });
  await c.call('setRemote', { id: 'a', description: answer });
  await Promise.all([c.call('waitChannelOpen', { id: 'a', label: 'smoke' }),
    f.call('waitChannelOpen', { id: 'b', label: 'smoke' })]);
  await c.call('send', { id: 'a', label: 'smoke', data: 'hello firefox' });
  const got = await f.call('waitMessage', { id: 'b', label: 'smoke' });
  await f.call('send', { id: 'b', label: 'smoke', data: 'hello chrome' });
  const back = await c.call('waitMessage', { id: 'a', label: 'smoke' });
  if (got !== 'hello firefox' || back !== 'hello chrome') throw new Error(`got '${got}' / '${back}'`);
  // The guard refuses a description naming a non-loopback address before the browser sees it.
  const bad = { type: 'offer', sdp: offer.sdp.replace(/127\.0\.0\.1/g, '192.0.2.1') };
  await f.call('newPc', { id: 'c' });
  const refused = await f.call('answer', { id: 'c', offer: bad }).then(() => false, (e) => /network rule/.test(e.message));
  if (!refused) throw new Error('a non-loopback offer was not refused');
  console.log("peer-smoke: passed ('hello firefox' / 'hello chrome'; non-loopback offer refused)");
  await Promise.all([c.call('quit'), f.call('quit')]);
  clearTimeout(timeout);
} catch (e) {
  console.error(`peer-smoke: FAILED: ${e.stack || e}`);
  c.child.kill(); f.child.kill();
  process.exit(1);
}
