// Unit tests of the network-rule check on SDP. No browser, no namespace, no root needed:
//   (cd interop/browsers && npm test)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLoopback, loopbackViolations, assertLoopbackOnly } from '../lib/loopback-guard.mjs';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
  '..', '..', '..', 'webrtc4j-lib', 'src', 'test', 'resources', 'sdp');

const sdp = (...lines) => [...lines, ''].join('\r\n');
const BASE = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=application 50000 UDP/DTLS/SCTP webrtc-datachannel',
  'c=IN IP4 127.0.0.1',
];

test('isLoopback accepts 127/8 and ::1 only', () => {
  for (const a of ['127.0.0.1', '127.1.2.3', '127.255.255.255', '::1']) assert.ok(isLoopback(a), a);
  for (const a of ['128.0.0.1', '10.0.0.1', '192.168.1.5', '0.0.0.0', '::', 'fe80::1',
    '127.0.0.256', 'localhost', 'abcd.local', '2001:db8::1', '']) {
    assert.ok(!isLoopback(a), a);
  }
});

test('loopback host candidates pass', () => {
  const s = sdp(...BASE,
    'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0',
    'a=candidate:2 1 UDP 2122252543 ::1 50001 typ host');
  assert.deepEqual(loopbackViolations(s), []);
  assertLoopbackOnly(s, 'test');
});

test('a candidate on another interface is a violation, naming the line', () => {
  const s = sdp(...BASE,
    'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
    'a=candidate:2 1 udp 2122260223 172.17.0.2 50002 typ host');
  const v = loopbackViolations(s);
  assert.equal(v.length, 1);
  assert.equal(v[0].line, 8);
  assert.throws(() => assertLoopbackOnly(s, 'offer'), /172\.17\.0\.2.*not passed on|line 8/s);
});

test('mDNS names, srflx addresses and raddr are checked', () => {
  assert.equal(loopbackViolations(sdp(...BASE,
    'a=candidate:1 1 udp 2122260223 0b2f6a7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.local 50000 typ host')).length, 1);
  assert.equal(loopbackViolations(sdp(...BASE,
    'a=candidate:3 1 udp 1686052607 127.0.0.1 50000 typ srflx raddr 192.168.1.5 rport 50000')).length, 1);
  assert.equal(loopbackViolations(sdp(...BASE,
    'a=candidate:3 1 udp 1686052607 127.0.0.1 50000 typ srflx raddr 0.0.0.0 rport 0')).length, 0);
});

test('c=, o= and a=rtcp addresses are checked; 0.0.0.0 placeholders are fine', () => {
  assert.equal(loopbackViolations(sdp('v=0', 'o=- 1 1 IN IP4 0.0.0.0', 'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0')).length, 0);
  assert.equal(loopbackViolations(sdp('v=0', 'c=IN IP4 203.0.113.7')).length, 1);
  assert.equal(loopbackViolations(sdp('v=0', 'o=- 1 1 IN IP4 198.51.100.1')).length, 1);
  assert.equal(loopbackViolations(sdp('v=0', 'a=rtcp:9 IN IP4 10.1.2.3')).length, 1);
  assert.equal(loopbackViolations(sdp('v=0', 'c=IN IP6 2001:db8::5')).length, 1);
});

test('an SDP without any candidate is refused (gathering found nothing)', () => {
  assert.throws(() => assertLoopbackOnly(sdp(...BASE), 'offer'), /no a=candidate/);
});

test('every captured browser sample names only loopback addresses', () => {
  const files = fs.readdirSync(SAMPLES).filter((f) => /^(chrome|firefox)-.*\.sdp$/.test(f));
  assert.ok(files.length > 0, `no samples in ${SAMPLES}`);
  for (const f of files) {
    const text = fs.readFileSync(path.join(SAMPLES, f), 'utf8');
    assert.deepEqual(loopbackViolations(text), [], f);
    assert.ok(text.endsWith('\r\n') && !/[^\r]\n/.test(text), `${f}: CRLF line ends`);
  }
});
