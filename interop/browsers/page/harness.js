// Page-side helpers, served at http://127.0.0.1:PORT/harness.js and loaded by index.html.
// Node drives them through window.w4j.<method>(arg) (see lib/browsers.mjs); each method takes
// one JSON-able argument and returns a JSON-able value or a promise of one. Peer connections
// live in a map keyed by a string id chosen by the caller, so one page can hold several.
// Every wait has a timeout: a promise here never hangs the harness.
'use strict';
(() => {
  const pcs = new Map();      // id -> { pc, channels: Map<label, RTCDataChannel>, messages: [] }
  const DEFAULT_TIMEOUT_MS = 15000;

  function entry(id) {
    const e = pcs.get(id);
    if (!e) throw new Error(`no peer connection '${id}'`);
    return e;
  }

  function withTimeout(promise, ms, what) {
    let timer;
    return Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  function waitFor(target, type, done, ms, what) {
    // done() returns true when the wait is over, or throws to fail it.
    let on;
    return withTimeout(new Promise((resolve, reject) => {
      if (done()) { resolve(); return; }
      on = () => {
        try {
          if (done()) resolve();
        } catch (err) {
          reject(err);
        }
      };
      target.addEventListener(type, on);
    }), ms, what).finally(() => { if (on) target.removeEventListener(type, on); });
  }

  // setLocalDescription, then wait until the gathering it started has ended. iceGatheringState
  // alone is not enough: after an ICE restart it still reads 'complete' (from the last round)
  // for a moment after setLocalDescription resolves. So: the end-of-candidates event (null
  // candidate) seen after this call, or 'complete' with candidates in the current description
  // (a restarted description starts with none).
  async function setLocalAndGather(pc, desc, ms) {
    let ended = false;
    const onCandidate = (ev) => { if (!ev.candidate) ended = true; };
    pc.addEventListener('icecandidate', onCandidate);
    try {
      await pc.setLocalDescription(desc);
      const deadline = Date.now() + ms;
      for (;;) {
        const sdp = pc.localDescription ? pc.localDescription.sdp : '';
        if (ended || (pc.iceGatheringState === 'complete' && /^a=candidate:/m.test(sdp))) return;
        if (Date.now() > deadline) {
          throw new Error(`timed out after ${ms} ms: ICE gathering (now ${pc.iceGatheringState})`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      pc.removeEventListener('icecandidate', onCandidate);
    }
  }

  function trackChannel(e, ch) {
    e.channels.set(ch.label, ch);
    ch.addEventListener('message', (ev) => {
      e.messages.push({ label: ch.label, data: typeof ev.data === 'string' ? ev.data : '[binary]' });
    });
  }

  function describe(desc) {
    return desc ? { type: desc.type, sdp: desc.sdp } : null;
  }

  window.w4j = {
    userAgent() {
      return navigator.userAgent;
    },

    // config: an RTCConfiguration; iceServers is forced to [] (the network rule).
    newPc({ id, config = {} }) {
      if (pcs.has(id)) throw new Error(`peer connection '${id}' exists`);
      const pc = new RTCPeerConnection({ ...config, iceServers: [] });
      const e = { pc, channels: new Map(), messages: [], candidates: [] };
      pc.addEventListener('datachannel', (ev) => trackChannel(e, ev.channel));
      // Trickle ICE: every local candidate, in order; null marks the end of gathering.
      pc.addEventListener('icecandidate', (ev) => {
        e.candidates.push(ev.candidate ? ev.candidate.toJSON() : null);
      });
      pcs.set(id, e);
      return true;
    },

    async addUserMedia({ id, audio = true, video = true }) {
      const { pc } = entry(id);
      const stream = await navigator.mediaDevices.getUserMedia({ audio, video });
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
      return stream.getTracks().map((t) => t.kind);
    },

    addTransceiver({ id, kind, init = {} }) {
      const t = entry(id).pc.addTransceiver(kind, init);
      return { mid: t.mid, direction: t.direction };
    },

    createDataChannel({ id, label, options = {} }) {
      const e = entry(id);
      trackChannel(e, e.pc.createDataChannel(label, options));
      return true;
    },

    // createOffer(options), setLocalDescription, and (unless waitForGathering is false, for
    // trickle ICE) wait for gathering; returns the local description.
    async offer({ id, options = {}, waitForGathering = true, timeoutMs = DEFAULT_TIMEOUT_MS }) {
      const { pc } = entry(id);
      const offer = await pc.createOffer(options);
      if (waitForGathering) await setLocalAndGather(pc, offer, timeoutMs);
      else await pc.setLocalDescription(offer);
      return describe(pc.localDescription);
    },

    // setRemoteDescription(offer), createAnswer, setLocalDescription, wait for gathering (or not).
    async answer({ id, offer, waitForGathering = true, timeoutMs = DEFAULT_TIMEOUT_MS }) {
      const { pc } = entry(id);
      await pc.setRemoteDescription(offer);
      const answer = await pc.createAnswer();
      if (waitForGathering) await setLocalAndGather(pc, answer, timeoutMs);
      else await pc.setLocalDescription(answer);
      return describe(pc.localDescription);
    },

    // Trickle ICE: the local candidates gathered since the last call (RTCIceCandidateInit
    // dictionaries; null = end of candidates).
    takeCandidates({ id }) {
      const e = entry(id);
      return e.candidates.splice(0, e.candidates.length);
    },

    async setRemote({ id, description }) {
      await entry(id).pc.setRemoteDescription(description);
      return true;
    },

    async addIceCandidate({ id, candidate }) {
      await entry(id).pc.addIceCandidate(candidate);
      return true;
    },

    async waitConnected({ id, timeoutMs = DEFAULT_TIMEOUT_MS }) {
      const { pc } = entry(id);
      await waitFor(pc, 'connectionstatechange', () => {
        if (pc.connectionState === 'failed') throw new Error('connectionState failed');
        return pc.connectionState === 'connected';
      }, timeoutMs, `connectionState connected (now ${pc.connectionState})`);
      return pc.connectionState;
    },

    async waitChannelOpen({ id, label, timeoutMs = DEFAULT_TIMEOUT_MS }) {
      const e = entry(id);
      const deadline = Date.now() + timeoutMs;
      while (!e.channels.has(label)) {
        if (Date.now() > deadline) throw new Error(`timed out: no data channel '${label}'`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const ch = e.channels.get(label);
      await waitFor(ch, 'open', () => ch.readyState === 'open', Math.max(1, deadline - Date.now()),
        `data channel '${label}' open (now ${ch.readyState})`);
      return ch.readyState;
    },

    send({ id, label, data }) {
      entry(id).channels.get(label).send(data);
      return true;
    },

    async waitMessage({ id, label, timeoutMs = DEFAULT_TIMEOUT_MS }) {
      const e = entry(id);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = e.messages.findIndex((m) => m.label === label);
        if (i >= 0) return e.messages.splice(i, 1)[0].data;
        if (Date.now() > deadline) throw new Error(`timed out: no message on '${label}'`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },

    state({ id }) {
      const { pc } = entry(id);
      return {
        signalingState: pc.signalingState,
        iceGatheringState: pc.iceGatheringState,
        iceConnectionState: pc.iceConnectionState,
        connectionState: pc.connectionState,
        localDescription: describe(pc.localDescription),
        remoteDescription: describe(pc.remoteDescription),
      };
    },

    // getStats() as a plain array of the stats dictionaries (JSON-able).
    async stats({ id, types = null }) {
      const report = await entry(id).pc.getStats();
      const out = [];
      report.forEach((st) => { if (!types || types.includes(st.type)) out.push({ ...st }); });
      return out;
    },

    close({ id }) {
      const e = pcs.get(id);
      if (e) {
        for (const s of e.pc.getSenders()) if (s.track) s.track.stop();
        e.pc.close();
        pcs.delete(id);
      }
      return true;
    },
  };
})();
