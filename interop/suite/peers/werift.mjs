#!/usr/bin/env node
// werift (npm werift, pinned in ../package-lock.json) as an interop peer, both roles; the
// command line is the shared driver contract (../common/cli.mjs):
//   node werift.mjs offer --url URL --case NAME
//   node werift.mjs echo --port PORT
// werift leaves loopback out of its host candidates (it skips "internal" interfaces), so
// 127.0.0.1 is added explicitly; the process must sit in a loopback-only namespace, as for the
// browsers, so that nothing else can be gathered.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { RTCPeerConnection, RTCDataChannel } from 'werift';
import { runCase, hold, HOLD } from '../common/cases.mjs';
import { answerOffer } from '../common/echo.mjs';
import { startEchoHttp, nodeHttp } from '../common/echo-http.mjs';
import { parseDriverArgs, report } from '../common/cli.mjs';
import { loopbackViolations } from '../../browsers/lib/loopback-guard.mjs';
import { assertLoopbackOnlyNamespace } from '../../browsers/lib/browsers.mjs';

const VERSION = JSON.parse(fs.readFileSync(new URL('../node_modules/werift/package.json', import.meta.url))).version;
const log = (m) => process.stderr.write(`werift: ${m}\n`);

// werift 0.25.2 sends nothing at all for an empty message: it splits the user data into
// ceil(0 / size) = 0 fragments. RFC 8831 section 6.6 sends an empty string / binary message as
// one 0x00 byte with PPID 56 / 57, which werift itself receives correctly. This shim sends that,
// so that the text case tests the other side's empty-message handling rather than stopping at
// this werift bug. Every result line of this driver says the shim is on.
const PPID_STRING_EMPTY = 56;
const PPID_BINARY_EMPTY = 57;
const weriftSend = RTCDataChannel.prototype.send;
RTCDataChannel.prototype.send = function send(data) {
  const isText = typeof data === 'string';
  if ((isText ? data.length : data.byteLength) !== 0) return weriftSend.call(this, data);
  const zero = Buffer.from([0]);
  this.sctp.assertSendableMessageSize(1);
  this.addBufferedAmount(zero.length); // dataChannelFlush subtracts it when sent
  this.sctp.dataChannelQueue.push([this, isText ? PPID_STRING_EMPTY : PPID_BINARY_EMPTY, zero]);
  this.sctp.dataChannelFlush();
  return undefined;
};
const SHIM_NOTE = 'empty-message shim';

const rt = {
  name: `werift ${VERSION}`,
  newPc: () => new RTCPeerConnection({
    iceServers: [],                         // werift's default is a public STUN server
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
    maxMessageSize: 262144,                 // advertise what browsers do (default 65536)
  }),
  prepare: () => {},
  bytes: (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength),
  http: nodeHttp,
  now: () => performance.now(),
  loopbackViolations,
};

async function main() {
  const args = parseDriverArgs(process.argv.slice(2));
  assertLoopbackOnlyNamespace();
  if (args.mode === 'echo') {
    const server = await startEchoHttp({
      port: args.port,
      log,
      answer: async (offer) => {
        const { pc, answer } = await answerOffer(rt, offer, log);
        return { answer, close: async () => pc.close() };
      },
    });
    process.stdout.write(`LISTENING ${server.url}\n`);
    const stop = () => server.close().finally(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    return;
  }
  if (args.case === HOLD) {
    await hold(rt, args.url, () => process.stdout.write('READY\n'));
    return;
  }
  try {
    report(args.case, true, `${await runCase(rt, args.case, args.url)}; ${rt.name} (${SHIM_NOTE})`);
  } catch (e) {
    report(args.case, false, e?.message ?? e);
  }
}

main().catch((e) => {
  log(e?.stack ?? e);
  report(process.argv[4] ?? 'driver', false, `werift driver: ${e?.message ?? e}`);
});
