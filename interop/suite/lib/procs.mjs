// Child processes of the runner: started from a command template, their output kept in log
// files, their whole process tree killed by pid (a browser driver's browser is its child but not
// in its process group, so the tree is read from /proc, never matched by name).
import fs from 'node:fs';
import net from 'node:net';
import { spawn } from 'node:child_process';
import readline from 'node:readline';

/** Single-quotes a value for /bin/sh. */
export function shellQuote(s) {
  return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

/** Replaces {name} placeholders with shell-quoted values. */
export function fillTemplate(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? shellQuote(values[k]) : m));
}

/** All descendants of pid (children first found last), from /proc/<pid>/stat ppid fields. */
export function descendants(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  const out = [];
  const walk = (p) => { for (const c of children.get(p) ?? []) { out.push(c); walk(c); } };
  walk(pid);
  return out;
}

/** Sends signal to pid and every descendant, by pid. Returns the pids signalled. */
export function killTree(pid, signal = 'SIGKILL') {
  const pids = [pid, ...descendants(pid)];
  for (const p of pids) {
    try { process.kill(p, signal); } catch { /* already gone */ }
  }
  return pids;
}

/**
 * Starts `sh -c command` in cwd; stdout lines are passed to onLine and appended, with stderr,
 * to logFile. Resolves nothing: returns { child, exited (promise of {code, signal}), lines }.
 */
export function start(command, { cwd, logFile, onLine = () => {}, env = process.env }) {
  const log = fs.openSync(logFile, 'a');
  fs.writeSync(log, `$ ${command}\n`);
  const child = spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', log] });
  const lines = [];
  readline.createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    fs.appendFileSync(logFile, `[stdout] ${l}\n`);
    onLine(l);
  });
  const exited = new Promise((resolve) => {
    child.once('error', (e) => resolve({ code: -1, signal: null, error: e }));
    child.once('exit', (code, signal) => {
      // stdout may still hold lines: wait for its end before reporting the exit.
      const done = () => { fs.closeSync(log); resolve({ code, signal }); };
      if (child.stdout.readableEnded) done(); else child.stdout.once('close', done);
    });
  });
  return { child, exited, lines };
}

/** Stops a started process tree: TERM, then KILL after graceMs. */
export async function stop(proc, graceMs = 3000) {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  killTree(proc.child.pid, 'SIGTERM');
  const t = setTimeout(() => killTree(proc.child.pid, 'SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(t);
  // Whatever the shell left behind (a JVM under a wrapper script) goes as well.
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resolves when 127.0.0.1:port accepts a TCP connection; rejects after ms or if `exited` settles. */
export async function waitListening(port, ms, exited) {
  const deadline = Date.now() + ms;
  let gone = null;
  exited?.then((r) => { gone = r; });
  for (;;) {
    if (gone) throw new Error(`exited (code ${gone.code}, signal ${gone.signal}) before listening on ${port}`);
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => { c.destroy(); resolve(true); });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`not listening on 127.0.0.1:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
