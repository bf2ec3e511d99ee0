#!/usr/bin/env node
// Chromium or Firefox ESR as an interop peer, both roles; the shared driver contract
// (../common/cli.mjs) plus --browser:
//   node browser.mjs --browser chrome|firefox offer --url URL --case NAME
//   node browser.mjs --browser chrome|firefox echo --port PORT
// The browser is launched by ../../browsers/lib/browsers.mjs (Playwright for Debian's chromium,
// Puppeteer over WebDriver BiDi for firefox-esr, fresh profiles, loopback-only checks) and opens
// page/index.html from a server in this process, which serves the shared case code and relays the
// page's HTTP requests (POST /relay). In echo mode this process serves POST /offer and hands each
// offer to the page.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAUNCHERS } from '../../browsers/lib/browsers.mjs';
import { HOLD } from '../common/cases.mjs';
import { startEchoHttp, nodeHttp } from '../common/echo-http.mjs';
import { parseDriverArgs, report } from '../common/cli.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SUITE = path.resolve(HERE, '..');
const FILES = {
  '/': path.join(SUITE, 'page', 'index.html'),
  '/page.mjs': path.join(SUITE, 'page', 'page.mjs'),
  '/common/cases.mjs': path.join(SUITE, 'common', 'cases.mjs'),
  '/common/echo.mjs': path.join(SUITE, 'common', 'echo.mjs'),
  '/lib/loopback-guard.mjs': path.resolve(SUITE, '..', 'browsers', 'lib', 'loopback-guard.mjs'),
};

const args = parseDriverArgs(process.argv.slice(2), { browser: { type: 'string', default: 'chrome' } });
const log = (m) => process.stderr.write(`${args.browser}: ${m}\n`);

/** The page's origin: its files, and POST /relay {method, url, body} -> rt.http result as JSON. */
async function startPageServer() {
  const server = http.createServer(async (req, res) => {
    const p = new URL(req.url, 'http://127.0.0.1').pathname;
    try {
      if (req.method === 'POST' && p === '/relay') {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        const { method, url, body } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const u = new URL(url);
        if (u.hostname !== '127.0.0.1' && u.hostname !== '[::1]' && u.hostname !== 'localhost') {
          throw new Error(`relay: refusing non-loopback URL ${url}`);
        }
        const r = await nodeHttp(method, url, body ?? null);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r));
        return;
      }
      const f = FILES[p];
      if (!f) { res.writeHead(404); res.end('not found'); return; }
      const type = f.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(fs.readFileSync(f));
    } catch (e) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e?.message ?? e));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

async function main() {
  const launch = LAUNCHERS[args.browser];
  if (!launch) throw new Error(`unknown browser '${args.browser}' (chrome, firefox)`);
  const pages = await startPageServer();
  const peer = await launch(pages.url);
  const name = `${peer.name} ${peer.version}`;
  let closing = false;
  const shutdown = async (code) => {
    if (closing) return;
    closing = true;
    await peer.close().catch(() => {});
    await pages.close();
    process.exit(code);
  };
  process.on('SIGTERM', () => shutdown(143));
  process.on('SIGINT', () => shutdown(130));

  if (args.mode === 'echo') {
    const server = await startEchoHttp({
      port: args.port,
      log,
      answer: async (offer) => {
        const { id, answer } = await peer.call('answerOffer', { sdp: offer });
        return { answer, close: () => peer.call('closeSession', { id }) };
      },
    });
    process.stdout.write(`LISTENING ${server.url}\n`);
    return;
  }
  if (args.case === HOLD) {
    await peer.call('hold', { url: args.url });
    process.stdout.write('READY\n');
    return;
  }
  const r = await peer.call('runCase', { name: args.case, url: args.url });
  await peer.close().catch(() => {});
  await pages.close();
  report(args.case, r.ok, r.ok ? `${r.detail}; ${name}` : r.detail);
}

main().catch((e) => {
  log(e?.stack ?? e);
  report(args.case ?? 'driver', false, `${args.browser} driver: ${e?.message ?? e}`);
});
