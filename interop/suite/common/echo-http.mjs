// The HTTP side of an echo peer, the same contract as `webrtc4j echo` (interop/README.md):
//   POST /offer, Content-Type application/sdp, body = complete offer
//     -> 201 Created, Content-Type application/sdp, body = complete answer, Location /session/<n>
//     -> 400 for an offer that is refused (e.g. non-loopback), 415 for another Content-Type
//   DELETE /session/<n> -> 204 and the session is closed; 404 if there is no such session
// Listens on 127.0.0.1 only. `answer(sdp)` does the WebRTC part and resolves to
// { answer, close() }; it may live in Node (werift) or in a browser page (through Playwright).
import http from 'node:http';

export async function startEchoHttp({ port = 0, answer, log = () => {} }) {
  const sessions = new Map();
  let next = 1;
  const server = http.createServer(async (req, res) => {
    const send = (status, headers, body = '') => { res.writeHead(status, headers); res.end(body); };
    try {
      const path = new URL(req.url, 'http://127.0.0.1').pathname;
      if (req.method === 'POST' && path === '/offer') {
        if (!/^application\/sdp/i.test(req.headers['content-type'] ?? '')) {
          send(415, { 'content-type': 'text/plain' }, 'Content-Type must be application/sdp\n');
          return;
        }
        const chunks = [];
        for await (const c of req) chunks.push(c);
        const offer = Buffer.concat(chunks).toString('utf8');
        let session;
        try {
          session = await answer(offer);
        } catch (e) {
          log(`offer refused: ${e?.message ?? e}`);
          send(400, { 'content-type': 'text/plain' }, `${e?.message ?? e}\n`);
          return;
        }
        const id = next++;
        sessions.set(id, session);
        send(201, { 'content-type': 'application/sdp', location: `/session/${id}` }, session.answer);
        return;
      }
      const m = /^\/session\/(\d+)$/.exec(path);
      if (req.method === 'DELETE' && m) {
        const s = sessions.get(Number(m[1]));
        if (!s) { send(404, { 'content-type': 'text/plain' }, 'no such session\n'); return; }
        sessions.delete(Number(m[1]));
        await s.close();
        send(204, {});
        return;
      }
      send(404, { 'content-type': 'text/plain' }, 'not found\n');
    } catch (e) {
      log(`request failed: ${e?.stack ?? e}`);
      if (!res.headersSent) send(500, { 'content-type': 'text/plain' }, `${e?.message ?? e}\n`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/offer`,
    sessions,
    close: async () => {
      for (const s of sessions.values()) await s.close().catch(() => {});
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** rt.http for Node: one request, the Location made absolute. */
export async function nodeHttp(method, url, body) {
  const r = await fetch(url, {
    method,
    headers: body === null ? {} : { 'content-type': 'application/sdp' },
    body: body === null ? undefined : body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await r.text();
  const loc = r.headers.get('location');
  return {
    status: r.status,
    location: loc ? new URL(loc, url).href : null,
    contentType: r.headers.get('content-type'),
    body: text,
  };
}
