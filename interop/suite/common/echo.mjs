// Echo behaviour, the same as `webrtc4j echo`, written once for werift and the browser pages:
// every data channel the remote opens is echoed, each message sent back on the channel it came
// in on, text as text and binary as binary, byte for byte. The session for one offer is created
// by answerOffer() and ended by the caller (HTTP DELETE -> pc.close()).
import { waitGathering, checkLoopback } from './cases.mjs';

/** Echo every channel of pc. */
export function echoChannels(rt, pc, log = () => {}) {
  pc.addEventListener('datachannel', (ev) => {
    const ch = ev.channel;
    rt.prepare(ch);
    ch.addEventListener('message', (m) => {
      try {
        ch.send(m.data);
      } catch (e) {
        log(`echo on '${ch.label}' failed: ${e?.message ?? e}`);
      }
    });
  });
}

/**
 * Answers one complete offer: a new peer connection that echoes, its complete answer.
 * The offer and the answer are both checked against the network rule: a non-loopback offer is
 * refused before it reaches the peer connection.
 */
export async function answerOffer(rt, offerSdp, log) {
  checkLoopback(rt, offerSdp, 'remote offer');
  const pc = rt.newPc();
  try {
    echoChannels(rt, pc, log);
    await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await waitGathering(pc);
    const answer = pc.localDescription.sdp;
    checkLoopback(rt, answer, 'local answer');
    return { pc, answer };
  } catch (e) {
    try { pc.close(); } catch { /* ignore */ }
    throw e;
  }
}
