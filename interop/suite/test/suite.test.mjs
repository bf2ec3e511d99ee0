// Unit tests of the suite's own parts (no browser, no namespace, no root): the guard proxy, the
// command templates, and that the JavaScript and Python case definitions agree.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startGuardProxy } from '../lib/guard-proxy.mjs';
import { fillTemplate } from '../lib/procs.mjs';
import { CASES, TEXT_MESSAGES, BINARY_SIZES, pattern, remoteMaxMessageSize } from '../common/cases.mjs';
import { loopbackViolations } from '../../browsers/lib/loopback-guard.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PY = path.resolve(HERE, '..', 'python');

const sdp = (addr) => ['v=0', `o=- 1 2 IN IP4 ${addr}`, 's=-', 't=0 0',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 0.0.0.0',
  `a=candidate:1 1 udp 2113937151 ${addr} 50000 typ host`, ''].join('\r\n');

/** A fake echo upstream that counts requests and answers with answerAddr in its SDP. */
async function fakeUpstream(answerAddr) {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST') {
        res.writeHead(201, { 'content-type': 'application/sdp', location: '/session/7' });
        res.end(sdp(answerAddr));
      } else {
        res.writeHead(204);
        res.end();
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/offer`, seen, close: () => new Promise((r) => server.close(r)) };
}

const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body });

test('guard proxy refuses a non-loopback offer without contacting the echo', async () => {
  const up = await fakeUpstream('127.0.0.1');
  const proxy = await startGuardProxy(up.url, fs.mkdtempSync(path.join(os.tmpdir(), 'w4j-t-')));
  try {
    const r = await post(proxy.url, sdp('192.168.1.20'));
    assert.equal(r.status, 403);
    assert.match(await r.text(), /network rule/);
    assert.deepEqual(up.seen, []);
    assert.equal(proxy.takeViolations().length, 1);
  } finally {
    await proxy.close();
    await up.close();
  }
});

test('guard proxy withholds a non-loopback answer and closes that session upstream', async () => {
  const up = await fakeUpstream('10.0.0.5');
  const proxy = await startGuardProxy(up.url, fs.mkdtempSync(path.join(os.tmpdir(), 'w4j-t-')));
  try {
    const r = await post(proxy.url, sdp('127.0.0.1'));
    assert.equal(r.status, 502);
    assert.equal(r.headers.get('content-type'), 'text/plain'); // a reason, no description to apply
    assert.doesNotMatch(await r.text(), /^v=0/m);
    assert.deepEqual(up.seen, ['POST /offer', 'DELETE /session/7']);
    assert.match(proxy.takeViolations()[0], /answer names a non-loopback address/);
  } finally {
    await proxy.close();
    await up.close();
  }
});

test('guard proxy passes a loopback exchange and maps Location for DELETE', async () => {
  const up = await fakeUpstream('127.0.0.1');
  const proxy = await startGuardProxy(up.url, fs.mkdtempSync(path.join(os.tmpdir(), 'w4j-t-')));
  try {
    const r = await post(proxy.url, sdp('127.0.0.1'));
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('content-type'), 'application/sdp');
    const loc = new URL(r.headers.get('location'), proxy.url).href;
    assert.equal(await r.text(), sdp('127.0.0.1'));
    const d = await fetch(loc, { method: 'DELETE' });
    assert.equal(d.status, 204);
    assert.deepEqual(up.seen, ['POST /offer', 'DELETE /session/7']);
    assert.deepEqual(proxy.takeViolations(), []);
  } finally {
    await proxy.close();
    await up.close();
  }
});

test('guard proxy refuses an offer without candidates (not complete)', async () => {
  const up = await fakeUpstream('127.0.0.1');
  const proxy = await startGuardProxy(up.url, fs.mkdtempSync(path.join(os.tmpdir(), 'w4j-t-')));
  try {
    const r = await post(proxy.url, sdp('127.0.0.1').replace(/a=candidate.*\r\n/, ''));
    assert.equal(r.status, 403);
    assert.deepEqual(up.seen, []);
  } finally {
    await proxy.close();
    await up.close();
  }
});

test('command templates shell-quote their values', () => {
  assert.equal(fillTemplate('x --url {url} --case {case} {other}', { url: "http://a/'b", case: 'text' }),
    "x --url 'http://a/'\\''b' --case 'text' {other}");
});

function python(code) {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code], { cwd: PY, encoding: 'utf8' }));
}

const sha = (u8) => crypto.createHash('sha256').update(u8).digest('hex');

test('Python cases match the JavaScript cases: names, messages, sizes, payload bytes', () => {
  const py = python(`
import json, hashlib, w4j_cases as c
print(json.dumps({"cases": c.CASES, "text": c.TEXT_MESSAGES, "sizes": c.BINARY_SIZES,
  "p": [hashlib.sha256(c.pattern(n, s)).hexdigest() for n, s in [(1, 1), (1024, 7), (65537, 65537)]]}))`);
  assert.deepEqual(py.cases, CASES);
  assert.deepEqual(py.text, TEXT_MESSAGES);
  assert.deepEqual(py.sizes, BINARY_SIZES);
  assert.deepEqual(py.p, [[1, 1], [1024, 7], [65537, 65537]].map(([n, s]) => sha(pattern(n, s))));
});

test('Python loopback guard agrees with the JavaScript one', () => {
  const samples = [sdp('127.0.0.1'), sdp('::1'), sdp('127.1.2.3'), sdp('192.168.0.1'), sdp('host.local'),
    sdp('127.0.0.1').replace('typ host', 'typ srflx raddr 10.1.1.1 rport 9'),
    sdp('127.0.0.1').replace('c=IN IP4 0.0.0.0', 'c=IN IP4 172.16.0.1'), sdp('127.0.0.256')];
  const py = python(`
import json, sys, w4j_loopback as g
print(json.dumps([len(g.violations(s)) for s in json.loads(sys.argv[1] if len(sys.argv) > 1 else ${JSON.stringify(JSON.stringify(samples))})]))`);
  assert.deepEqual(py, samples.map((s) => loopbackViolations(s).length));
  assert.deepEqual(py.map((n) => n > 0), [false, false, false, true, true, true, true, true]);
});

test('max-message-size of an answer: value, 0 = unlimited, 65536 when absent (both languages)', () => {
  const sdps = ['v=0\r\na=max-message-size:262144\r\n', 'v=0\r\na=max-message-size:0\r\n',
    'v=0\r\nm=application 9 DTLS/SCTP 5000\r\na=sctpmap:5000 webrtc-datachannel 65535\r\n'];
  const js = sdps.map(remoteMaxMessageSize);
  assert.deepEqual(js, [262144, 0, 65536]);
  const py = python(`
import json, w4j_cases as c
print(json.dumps([c.remote_max_message_size(s) for s in ${JSON.stringify(sdps)}]))`);
  assert.deepEqual(py, js);
});
