// The runner's signalling proxy: every offerer talks to the echo side through it, so the runner
// itself sees every SDP, whatever the peers check or fail to check. A description naming a
// non-loopback address (or no candidate at all) is refused and never passed on: an offer is
// answered 403 without reaching the echo; an answer is replaced by 502 (and the session it made
// is DELETEd upstream), so the offerer never gets the address and no ICE check is ever sent.
// The SDPs are written to the log directory under the current case's tag.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loopbackViolations } from '../../browsers/lib/loopback-guard.mjs';
import { nodeHttp } from '../common/echo-http.mjs';

function refusal(sdp, what) {
  const v = loopbackViolations(sdp ?? '');
  if (v.length > 0) return `network rule: ${what} names a non-loopback address: ${v.map((x) => `${x.reason} (${x.text})`).join('; ')}`;
  if (!/^a=candidate:/m.test(sdp ?? '')) return `${what} carries no a=candidate line (an offer/answer must be complete, after gathering)`;
  return null;
}

/**
 * Starts the proxy in front of upstreamUrl (an echo's POST /offer URL).
 * Returns { url, setTag(tag), takeViolations(), close() }.
 */
export async function startGuardProxy(upstreamUrl, logDir) {
  const sessions = new Map();
  let next = 1;
  let tag = 'untagged';
  let exchange = 0;
  let violations = [];
  const save = (what, sdp) => {
    fs.writeFileSync(path.join(logDir, `${tag}.${exchange}.${what}.sdp`), sdp ?? '');
  };
  const server = http.createServer(async (req, res) => {
    const reply = (status, headers, body = '') => { res.writeHead(status, headers); res.end(body); };
    try {
      const p = new URL(req.url, 'http://127.0.0.1').pathname;
      if (req.method === 'POST' && p === '/offer') {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        const offer = Buffer.concat(chunks).toString('utf8');
        exchange++;
        save('offer', offer);
        const bad = refusal(offer, 'offer');
        if (bad) {
          violations.push(bad);
          reply(403, { 'content-type': 'text/plain' }, `${bad}\n`);
          return;
        }
        if (!/^application\/sdp/i.test(req.headers['content-type'] ?? '')) {
          violations.push(`offer sent with Content-Type '${req.headers['content-type']}'`);
        }
        const r = await nodeHttp('POST', upstreamUrl, offer);
        if (r.status !== 201) {
          reply(r.status, { 'content-type': r.contentType ?? 'text/plain' }, r.body);
          return;
        }
        save('answer', r.body);
        const badAnswer = refusal(r.body, 'answer');
        if (badAnswer) {
          violations.push(badAnswer);
          if (r.location) await nodeHttp('DELETE', r.location, null).catch(() => {});
          reply(502, { 'content-type': 'text/plain' }, `${badAnswer}\n`);
          return;
        }
        const headers = { 'content-type': r.contentType ?? '' };
        if (r.location) {
          const id = next++;
          sessions.set(id, r.location);
          headers.location = `/session/${id}`;
        }
        reply(201, headers, r.body);
        return;
      }
      const m = /^\/session\/(\d+)$/.exec(p);
      if (req.method === 'DELETE' && m && sessions.has(Number(m[1]))) {
        const r = await nodeHttp('DELETE', sessions.get(Number(m[1])), null);
        sessions.delete(Number(m[1]));
        reply(r.status, { 'content-type': r.contentType ?? 'text/plain' }, r.body);
        return;
      }
      reply(404, { 'content-type': 'text/plain' }, 'not found\n');
    } catch (e) {
      reply(502, { 'content-type': 'text/plain' }, `proxy: ${e?.message ?? e}\n`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/offer`,
    setTag(t) { tag = t; exchange = 0; },
    takeViolations() { const v = violations; violations = []; return v; },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
