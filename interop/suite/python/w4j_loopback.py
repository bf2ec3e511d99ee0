"""The network rule on SDP, the Python twin of interop/browsers/lib/loopback-guard.mjs: every
address an SDP names (candidate address and raddr, c=, o=, a=rtcp:) must be 127.0.0.0/8 or ::1
(0.0.0.0 / :: placeholders allowed where browsers write them)."""
import re

_V4 = re.compile(r"^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$")


def is_loopback(addr: str) -> bool:
    a = addr.lower()
    if a in ("::1", "0:0:0:0:0:0:0:1"):
        return True
    m = _V4.match(a)
    return bool(m) and all(int(o) <= 255 for o in m.groups())


def _placeholder(addr: str) -> bool:
    return addr in ("0.0.0.0", "::")


def violations(sdp: str):
    """List of (line number, line, reason); empty if the SDP names only loopback addresses."""
    out = []
    for i, text in enumerate(re.split(r"\r?\n", sdp), start=1):
        def bad(reason):
            out.append((i, text, reason))
        if text.startswith("a=candidate:"):
            f = text[len("a=candidate:"):].split()
            if len(f) < 8:
                bad("malformed candidate")
                continue
            if not is_loopback(f[4]):
                bad(f"candidate address {f[4]} is not loopback")
            if "raddr" in f:
                r = f[f.index("raddr") + 1] if f.index("raddr") + 1 < len(f) else ""
                if not (is_loopback(r) or _placeholder(r)):
                    bad(f"candidate raddr {r} is not loopback")
        elif text.startswith("c="):
            f = text[2:].split()
            addr = (f[2] if len(f) > 2 else "").split("/")[0]
            if not (is_loopback(addr) or _placeholder(addr)):
                bad(f"connection address {addr} is not loopback")
        elif text.startswith("o="):
            f = text[2:].split()
            addr = f[5] if len(f) > 5 else ""
            if not (is_loopback(addr) or _placeholder(addr)):
                bad(f"origin address {addr} is not loopback")
        elif text.startswith("a=rtcp:"):
            f = text[len("a=rtcp:"):].split()
            if len(f) >= 4 and not (is_loopback(f[3]) or _placeholder(f[3])):
                bad(f"rtcp address {f[3]} is not loopback")
    return out
