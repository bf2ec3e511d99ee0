// The network rule, enforced on SDP: before any SDP is written to disk or handed to another
// peer, every address it names must be loopback. A browser gathers on every interface whatever
// its flags, so this check is the last line of defence if it ever runs outside its namespace.
//
// Checked lines:
//   a=candidate:  the connection address, and raddr when present
//   c=            the connection address (0.0.0.0 / :: placeholders allowed)
//   o=            the unicast address (0.0.0.0 / 127.0.0.1 are what browsers write)
//   a=rtcp:       the optional address
// Anything else (a hostname, an mDNS .local name, a private or public IP) is a violation.

/** True if addr is an IPv4 loopback address (127.0.0.0/8) or the IPv6 loopback ::1. */
export function isLoopback(addr) {
  const a = addr.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

function isPlaceholder(addr) {
  return addr === '0.0.0.0' || addr === '::';
}

/**
 * Returns the list of violations (empty if the SDP names only loopback addresses).
 * Each violation is { line: 1-based line number, text: the line, reason }.
 */
export function loopbackViolations(sdp) {
  const out = [];
  const lines = sdp.split(/\r?\n/);
  lines.forEach((text, i) => {
    const bad = (reason) => out.push({ line: i + 1, text, reason });
    if (text.startsWith('a=candidate:')) {
      // a=candidate:foundation component transport priority address port typ type [raddr a rport p] ...
      const f = text.slice('a=candidate:'.length).trim().split(/\s+/);
      if (f.length < 8) { bad('malformed candidate'); return; }
      if (!isLoopback(f[4])) bad(`candidate address ${f[4]} is not loopback`);
      const r = f.indexOf('raddr');
      if (r >= 0 && !(isLoopback(f[r + 1] ?? '') || isPlaceholder(f[r + 1] ?? ''))) {
        bad(`candidate raddr ${f[r + 1]} is not loopback`);
      }
    } else if (text.startsWith('c=')) {
      const f = text.slice(2).trim().split(/\s+/);
      const addr = (f[2] ?? '').split('/')[0];
      if (!(isLoopback(addr) || isPlaceholder(addr))) bad(`connection address ${addr} is not loopback`);
    } else if (text.startsWith('o=')) {
      const f = text.slice(2).trim().split(/\s+/);
      const addr = f[5] ?? '';
      if (!(isLoopback(addr) || isPlaceholder(addr))) bad(`origin address ${addr} is not loopback`);
    } else if (text.startsWith('a=rtcp:')) {
      const f = text.slice('a=rtcp:'.length).trim().split(/\s+/);
      if (f.length >= 4 && !(isLoopback(f[3]) || isPlaceholder(f[3]))) {
        bad(`rtcp address ${f[3]} is not loopback`);
      }
    }
  });
  return out;
}

/** Throws, naming every offending line, unless the SDP names only loopback addresses. */
export function assertLoopbackOnly(sdp, what) {
  const v = loopbackViolations(sdp);
  if (v.length > 0) {
    const detail = v.map((x) => `  line ${x.line}: ${x.reason}: ${x.text}`).join('\n');
    throw new Error(`network rule: ${what} names a non-loopback address; not passed on:\n${detail}`);
  }
  if (!/^a=candidate:/m.test(sdp)) {
    // Not a violation of the rule, but a capture without candidates is useless: say so.
    throw new Error(`${what} carries no a=candidate line (gathering found no loopback address)`);
  }
}
