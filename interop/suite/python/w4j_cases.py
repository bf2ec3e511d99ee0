"""The interop cases for Python peers (aiortc): the twin of ../common/cases.mjs. Same case names,
same messages, same checks; see interop/README.md "Cases". run_case() returns a one-line detail
string on success and raises CaseFailure(reason) on failure.

The runtime object rt provides: new_pc() (an aiortc-style RTCPeerConnection, iceServers empty),
request(method, url, body) (w4j_http.request) and name."""
import asyncio
import re
import time

import w4j_loopback

CASES = ["text", "binary", "unordered-unreliable", "channels-32", "throughput-64MiB", "close-reconnect"]
HOLD = "hold"

OPEN_TIMEOUT = 20.0
ECHO_TIMEOUT = 10.0


class CaseFailure(Exception):
    pass


def pattern(size: int, seed: int) -> bytes:
    """xorshift32 bytes, identical to pattern() in cases.mjs."""
    out = bytearray(size)
    x = (seed * 2654435761) & 0xFFFFFFFF or 1
    for i in range(size):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        out[i] = x & 0xFF
    return bytes(out)


def check_loopback(sdp: str, what: str):
    v = w4j_loopback.violations(sdp or "")
    if v:
        raise CaseFailure(f"network rule: {what} names a non-loopback address "
                          f"({'; '.join(f'{r}: {t}' for _, t, r in v)}); nothing sent")
    if "\na=candidate:" not in "\n" + sdp.replace("\r\n", "\n"):
        raise CaseFailure(f"{what} has no a=candidate line (gathered nothing on loopback)")


def remote_max_message_size(sdp: str) -> int:
    """a=max-message-size of the remote description (0 = no limit); 65536 when absent (RFC 8841 6)."""
    m = re.search(r"^a=max-message-size:(\d+)", sdp or "", re.M)
    return int(m.group(1)) if m else 65536


def describe(m):
    return f"text of {len(m)} chars" if isinstance(m, str) else f"binary of {len(m)} bytes"


def expect_same(sent, got, what):
    if isinstance(sent, str):
        if not isinstance(got, str):
            raise CaseFailure(f"{what}: sent text, echo is {describe(got)}")
        if got != sent:
            raise CaseFailure(f"{what}: echo differs (sent {len(sent)} chars, got {len(got)})")
        return
    if isinstance(got, str):
        raise CaseFailure(f"{what}: sent {describe(sent)}, echo is text")
    if len(got) != len(sent):
        raise CaseFailure(f"{what}: sent {len(sent)} bytes, echo has {len(got)}")
    if got != sent:
        d = next(i for i in range(len(sent)) if sent[i] != got[i])
        raise CaseFailure(f"{what}: echo differs at byte {d}")


class Inbox:
    def __init__(self, channel):
        self.queue = asyncio.Queue()
        self.closed = asyncio.Event()
        channel.on("message", lambda m: self.queue.put_nowait(bytes(m) if not isinstance(m, str) else m))
        channel.on("close", self.closed.set)

    async def take(self, timeout, what):
        get = asyncio.ensure_future(self.queue.get())
        closed = asyncio.ensure_future(self.closed.wait())
        done, _ = await asyncio.wait({get, closed}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        closed.cancel()
        if get in done:
            return get.result()
        get.cancel()
        if closed in done:
            raise CaseFailure(f"channel closed while waiting for {what}")
        raise CaseFailure(f"timed out after {timeout:.0f} s waiting for {what}")


async def wait_open(ch, timeout):
    if ch.readyState == "open":
        return
    opened = asyncio.get_running_loop().create_future()
    ch.on("open", lambda: opened.done() or opened.set_result(True))
    try:
        await asyncio.wait_for(opened, timeout)
    except asyncio.TimeoutError:
        raise CaseFailure(f"timed out after {timeout:.0f} s: data channel '{ch.label}' open (now {ch.readyState})")


class Session:
    def __init__(self, rt, pc):
        self.rt, self.pc, self.channels, self.location = rt, pc, {}, None
        self.remote_max_message_size = 65536

    async def close(self):
        await self.pc.close()
        if self.location:
            loc, self.location = self.location, None
            r = await self.rt.request("DELETE", loc, None)
            if not 200 <= r["status"] <= 299:
                raise CaseFailure(f"DELETE {loc} answered {r['status']}")


async def connect(rt, url, specs):
    """specs: [(label, kwargs for createDataChannel)]. Offers complete, applies the answer,
    waits for every channel to open."""
    pc = rt.new_pc()
    s = Session(rt, pc)
    for label, options in specs:
        ch = pc.createDataChannel(label, **options)
        s.channels[label] = (ch, Inbox(ch))
    try:
        await pc.setLocalDescription(await pc.createOffer())  # aiortc gathers here, completely
        offer = pc.localDescription.sdp
        check_loopback(offer, "local offer")
        r = await rt.request("POST", url, offer)
        if r["status"] != 201:
            raise CaseFailure(f"POST {url} answered {r['status']} (expected 201): {r['body'][:200]}")
        if not (r["contentType"] or "").lower().startswith("application/sdp"):
            raise CaseFailure(f"answer Content-Type is '{r['contentType']}', expected application/sdp")
        if not r["location"]:
            raise CaseFailure("201 without a Location header")
        s.location = r["location"]
        check_loopback(r["body"], "answer")
        s.remote_max_message_size = remote_max_message_size(r["body"])
        from aiortc import RTCSessionDescription
        await pc.setRemoteDescription(RTCSessionDescription(sdp=r["body"], type="answer"))
        await asyncio.gather(*(wait_open(ch, OPEN_TIMEOUT) for ch, _ in s.channels.values()))
        return s
    except BaseException:
        try:
            await s.close()
        except Exception:
            pass
        raise


async def round_trip(entry, message, what):
    ch, inbox = entry
    ch.send(message)
    return await inbox.take(ECHO_TIMEOUT, f"echo of {what}")


TEXT_MESSAGES = [
    "hello",
    "héllo wörld — 日本語 — Ελληνικά — 🎉🧊 — ẞ",
    "x" * (16 * 1024),
    "€" * 5000,
    "",  # last, as in cases.mjs
]
TEXT_NAMES = ["hello", "non-ASCII", "16 KiB ASCII", "15000 UTF-8 bytes", "empty string"]


async def case_text(rt, url):
    s = await connect(rt, url, [("text", {})])
    try:
        for i, m in enumerate(TEXT_MESSAGES):
            what = f"text message {i} ({TEXT_NAMES[i]})"
            expect_same(m, await round_trip(s.channels["text"], m, what), what)
        return f"{len(TEXT_MESSAGES)} messages echoed exactly, incl. empty and non-ASCII"
    finally:
        await s.close()


BINARY_SIZES = [1, 2, 255, 1024, 16383, 16384, 65535, 65536, 65537, 131072, 262144]


async def case_binary(rt, url):
    s = await connect(rt, url, [("binary", {})])
    try:
        limit, largest = s.remote_max_message_size, BINARY_SIZES[-1]
        if limit != 0 and limit < largest:
            # aiortc would send it anyway, and the message would be lost: fail on the limit itself.
            raise CaseFailure(f"the answer allows messages of at most {limit} bytes "
                              f"(a=max-message-size, 65536 when absent); this case needs {largest}")
        for size in BINARY_SIZES:
            m = pattern(size, size)
            expect_same(m, await round_trip(s.channels["binary"], m, f"{size} bytes"), f"{size}-byte message")
        return f"{len(BINARY_SIZES)} messages, 1 B to 256 KiB, byte-exact"
    finally:
        await s.close()


UNORDERED_COUNT, UNORDERED_BURST, UNORDERED_SIZE = 200, 20, 1024


def _unordered_message(i):
    m = bytearray(pattern(UNORDERED_SIZE, 1000 + i))
    m[0], m[1] = i >> 8, i & 0xFF
    return bytes(m)


async def case_unordered(rt, url):
    s = await connect(rt, url, [("unordered", {"ordered": False, "maxRetransmits": 0})])
    try:
        ch, inbox = s.channels["unordered"]
        if ch.ordered is not False:
            raise CaseFailure(f"channel.ordered is {ch.ordered}, expected False")
        if ch.maxRetransmits != 0:
            raise CaseFailure(f"channel.maxRetransmits is {ch.maxRetransmits}, expected 0")
        seen, reordered, last = set(), 0, -1
        expected = [_unordered_message(i) for i in range(UNORDERED_COUNT)]
        for b in range(0, UNORDERED_COUNT, UNORDERED_BURST):
            for i in range(b, b + UNORDERED_BURST):
                ch.send(expected[i])
            for _ in range(UNORDERED_BURST):
                got = await inbox.take(ECHO_TIMEOUT, f"echo {len(seen) + 1} of {UNORDERED_COUNT} (unordered, maxRetransmits 0)")
                if isinstance(got, str) or len(got) != UNORDERED_SIZE:
                    raise CaseFailure(f"unexpected echo: {describe(got)}")
                i = (got[0] << 8) | got[1]
                if i >= UNORDERED_COUNT:
                    raise CaseFailure(f"echo carries unknown sequence number {i}")
                if i in seen:
                    raise CaseFailure(f"message {i} echoed twice")
                expect_same(expected[i], got, f"unordered message {i}")
                if i < last:
                    reordered += 1
                last = i
                seen.add(i)
        return (f"{UNORDERED_COUNT} x {UNORDERED_SIZE} B on ordered=false maxRetransmits=0: all echoed once, "
                f"byte-exact, {reordered} arrived out of order")
    finally:
        await s.close()


CHANNEL_COUNT = 32


async def case_channels(rt, url):
    labels = [f"ch-{i:02d}" for i in range(CHANNEL_COUNT)]
    s = await connect(rt, url, [(label, {}) for label in labels])
    try:
        ids = {ch.id for ch, _ in s.channels.values()}
        if len(ids) != CHANNEL_COUNT:
            raise CaseFailure(f"{CHANNEL_COUNT} channels open but only {len(ids)} distinct stream ids")
        for label in labels:
            for k in range(3):
                s.channels[label][0].send(f"{label} #{k}")

        async def check(label):
            for k in range(3):
                got = await s.channels[label][1].take(ECHO_TIMEOUT, f"echo {k} on {label}")
                expect_same(f"{label} #{k}", got, f"message {k} on {label}")
        await asyncio.gather(*(check(label) for label in labels))
        return f"{CHANNEL_COUNT} channels open at once, 3 messages each echoed on the right channel in order"
    finally:
        await s.close()


BULK_BYTES, BULK_CHUNK = 64 * 1024 * 1024, 32 * 1024
BULK_HIGH_WATER, BULK_LOW_WATER, BULK_WINDOW = 4 * 1024 * 1024, 1024 * 1024, 8 * 1024 * 1024
BULK_STALL = 20.0


async def case_throughput(rt, url):
    s = await connect(rt, url, [("bulk", {})])
    try:
        ch, _ = s.channels["bulk"]
        chunks = BULK_BYTES // BULK_CHUNK
        template = pattern(BULK_CHUNK, 7)
        body = template[4:]
        ch.bufferedAmountLowThreshold = BULK_LOW_WATER
        state = {"received": 0, "failure": None}
        progress = asyncio.Event()

        def on_message(m):
            try:
                r = state["received"]
                if isinstance(m, str) or len(m) != BULK_CHUNK:
                    raise CaseFailure(f"echo {r}: {describe(m)}")
                seq = int.from_bytes(m[0:4], "big")
                if seq != r:
                    raise CaseFailure(f"echo {r} carries sequence number {seq} (reliable ordered channel)")
                if m[4:] != body:
                    raise CaseFailure(f"echo of chunk {seq} differs from what was sent")
                state["received"] = r + 1
            except CaseFailure as e:
                state["failure"] = state["failure"] or e
            progress.set()

        ch.on("message", on_message)
        ch.on("bufferedamountlow", progress.set)
        ch.on("close", lambda: (state.__setitem__("failure", state["failure"] or CaseFailure("channel closed during the transfer")), progress.set()))

        async def wait_progress(what):
            try:
                await asyncio.wait_for(progress.wait(), BULK_STALL)
            except asyncio.TimeoutError:
                raise CaseFailure(f"stalled for {BULK_STALL:.0f} s {what} (sent {sent}, echoed "
                                  f"{state['received']} of {chunks} chunks, bufferedAmount {ch.bufferedAmount})")
            progress.clear()

        start = time.monotonic()
        sent = 0
        while sent < chunks:
            if state["failure"]:
                raise state["failure"]
            if ch.bufferedAmount > BULK_HIGH_WATER or (sent - state["received"]) * BULK_CHUNK >= BULK_WINDOW:
                await wait_progress("sending")
                continue
            ch.send(sent.to_bytes(4, "big") + body)
            sent += 1
            if sent % 64 == 0:
                await asyncio.sleep(0)  # let aiortc's transport run: send() only queues
        while state["received"] < chunks:
            if state["failure"]:
                raise state["failure"]
            await wait_progress("draining")
        if state["failure"]:
            raise state["failure"]
        secs = time.monotonic() - start
        return (f"64 MiB in {BULK_CHUNK // 1024} KiB messages echoed byte-exact in {secs:.2f} s: "
                f"{BULK_BYTES / 1e6 / secs:.1f} MB/s each way")
    finally:
        await s.close()


RECONNECT_ROUNDS = 3


async def case_close_reconnect(rt, url):
    locations = []
    for rnd in range(RECONNECT_ROUNDS):
        s = await connect(rt, url, [("again", {})])
        try:
            m = f"round {rnd}"
            expect_same(m, await round_trip(s.channels["again"], m, m), m)
            locations.append(s.location)
            ch, inbox = s.channels["again"]
            ch.close()
            try:
                await asyncio.wait_for(inbox.closed.wait(), ECHO_TIMEOUT)
            except asyncio.TimeoutError:
                raise CaseFailure(f"timed out after {ECHO_TIMEOUT:.0f} s: channel close in {m}")
        finally:
            await s.close()
    if len(set(locations)) != RECONNECT_ROUNDS:
        raise CaseFailure(f"sessions reused a Location: {', '.join(locations)}")
    return (f"{RECONNECT_ROUNDS} sessions opened, echoed, channel closed, DELETEd "
            f"({len(locations)} distinct Locations)")


async def hold(rt, url, on_ready):
    s = await connect(rt, url, [("hold", {})])
    expect_same("hold", await round_trip(s.channels["hold"], "hold", "hold"), "hold")
    on_ready()
    await asyncio.Event().wait()


RUNNERS = {
    "text": case_text,
    "binary": case_binary,
    "unordered-unreliable": case_unordered,
    "channels-32": case_channels,
    "throughput-64MiB": case_throughput,
    "close-reconnect": case_close_reconnect,
}


async def run_case(rt, name, url):
    if name not in RUNNERS:
        raise CaseFailure(f"unknown case '{name}' (known: {', '.join(CASES)})")
    return await RUNNERS[name](rt, url)
