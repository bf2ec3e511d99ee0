// The browser side of peers/browser.mjs: the page does the WebRTC, with the same case and echo
// code as werift (../common/*.mjs, served by the driver). Node drives it through window.w4j
// (Playwright / Puppeteer evaluate) and does all HTTP: the page reaches the echo server through
// the driver's same-origin POST /relay, since a cross-origin application/sdp POST would need
// CORS that `webrtc4j echo` does not (and need not) serve.
import { runCase, hold } from '/common/cases.mjs';
import { answerOffer } from '/common/echo.mjs';
import { loopbackViolations } from '/lib/loopback-guard.mjs';

const rt = {
  name: navigator.userAgent,
  newPc: () => new RTCPeerConnection({ iceServers: [] }),
  prepare: (ch) => { ch.binaryType = 'arraybuffer'; },
  bytes: (u8) => u8,
  async http(method, url, body) {
    const r = await fetch('/relay', { method: 'POST', body: JSON.stringify({ method, url, body }) });
    if (r.status !== 200) throw new Error(`relay: ${r.status} ${await r.text()}`);
    return r.json();
  },
  now: () => performance.now(),
  loopbackViolations,
};

const sessions = new Map();
let nextSession = 1;
const held = [];

window.w4j = {
  userAgent: () => navigator.userAgent,

  async runCase({ name, url }) {
    try {
      return { ok: true, detail: await runCase(rt, name, url) };
    } catch (e) {
      return { ok: false, detail: String(e?.message ?? e) };
    }
  },

  // Resolves once connected and one round trip done; the session stays open until killed.
  hold({ url }) {
    return new Promise((resolve, reject) => {
      hold(rt, url, () => resolve(true)).catch(reject);
      held.push(url);
    });
  },

  async answerOffer({ sdp }) {
    const { pc, answer } = await answerOffer(rt, sdp, (m) => console.warn(m));
    const id = nextSession++;
    sessions.set(id, pc);
    return { id, answer };
  },

  closeSession({ id }) {
    const pc = sessions.get(id);
    sessions.delete(id);
    if (pc) pc.close();
    return true;
  },
};
