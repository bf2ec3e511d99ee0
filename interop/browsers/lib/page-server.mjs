// A tiny HTTP server for the harness page, bound to 127.0.0.1 on an ephemeral port. Browsers
// allow getUserMedia on http://127.0.0.1 (a potentially trustworthy origin), which is why the
// page is served rather than opened from file: or about:blank.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'page');
const FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/harness.js': ['harness.js', 'text/javascript; charset=utf-8'],
};

/** Starts the server; resolves to { url, close() }. */
export async function startPageServer() {
  const server = http.createServer((req, res) => {
    const f = FILES[new URL(req.url, 'http://127.0.0.1').pathname];
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': f[1], 'cache-control': 'no-store' });
    res.end(fs.readFileSync(path.join(PAGE_DIR, f[0])));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
