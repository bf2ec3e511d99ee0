#!/usr/bin/python3
"""aiortc (Debian python3-aiortc 1.4.0) as an interop peer, both roles, with the shared driver
contract (interop/README.md "Driver contract"):

    /usr/bin/python3 aiortc_peer.py offer --url URL --case NAME
    /usr/bin/python3 aiortc_peer.py echo --port PORT

Run it with Debian's /usr/bin/python3 (the one python3-aiortc is installed for), not another
python3 on PATH. Two adjustments to aiortc, both for the test set-up, not for the protocol:
  * aioice leaves 127.0.0.1 and ::1 out of its host addresses; in the loopback-only namespace that
    leaves nothing, so host candidates are gathered on 127.0.0.1 only;
  * aiortc advertises a fixed a=max-message-size:65536; it reassembles larger messages and does not
    limit what it sends, so it advertises 262144 like Chromium (the binary case goes to 256 KiB).
"""
import argparse
import asyncio
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import aioice.ice  # noqa: E402
import aiortc  # noqa: E402
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription  # noqa: E402
from aiortc.rtcsctptransport import RTCSctpCapabilities, RTCSctpTransport  # noqa: E402

import w4j_cases  # noqa: E402
import w4j_http  # noqa: E402

aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"] if use_ipv4 else []
RTCSctpTransport.getCapabilities = classmethod(lambda cls: RTCSctpCapabilities(maxMessageSize=262144))


def log(msg):
    print(f"aiortc: {msg}", file=sys.stderr, flush=True)


def assert_loopback_only_namespace():
    """The twin of assertLoopbackOnlyNamespace() in browsers/lib/browsers.mjs."""
    links = [n for n in os.listdir("/sys/class/net") if n != "lo"]
    if links:
        raise SystemExit(f"network rule: refusing to run outside a loopback-only network namespace "
                         f"(found {', '.join(links)}); run it through netns.sh")


class Runtime:
    name = f"aiortc {aiortc.__version__}"

    @staticmethod
    def new_pc():
        return RTCPeerConnection(RTCConfiguration(iceServers=[]))  # None would mean a public STUN server

    request = staticmethod(w4j_http.request)


async def answer_offer(offer_sdp):
    w4j_cases.check_loopback(offer_sdp, "remote offer")
    pc = Runtime.new_pc()

    @pc.on("datachannel")
    def on_datachannel(channel):
        @channel.on("message")
        def on_message(message):
            try:
                channel.send(message)
            except Exception as e:  # keep echoing the other channels
                log(f"echo on '{channel.label}' failed: {e!r}")

    try:
        await pc.setRemoteDescription(RTCSessionDescription(sdp=offer_sdp, type="offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        answer = pc.localDescription.sdp
        w4j_cases.check_loopback(answer, "local answer")
    except BaseException:
        await pc.close()
        raise
    return answer, pc.close


def line(ok, name, text):
    text = " ".join(str(text).split())
    print(f"PASS {name} ({text})" if ok else f"FAIL {name}: {text}", flush=True)
    return 0 if ok else 1


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["offer", "echo"])
    p.add_argument("--url")
    p.add_argument("--case", choices=w4j_cases.CASES + [w4j_cases.HOLD])
    p.add_argument("--port", type=int, default=0)
    a = p.parse_args()
    if a.mode == "offer" and not (a.url and a.case):
        p.error("offer needs --url and --case")
    assert_loopback_only_namespace()
    if a.mode == "echo":
        server, url = await w4j_http.serve_echo(a.port, answer_offer, log)
        print(f"LISTENING {url}", flush=True)
        async with server:
            await server.serve_forever()
        return 0
    if a.case == w4j_cases.HOLD:
        await w4j_cases.hold(Runtime, a.url, lambda: print("READY", flush=True))
        return 0
    try:
        detail = await w4j_cases.run_case(Runtime, a.case, a.url)
        return line(True, a.case, f"{detail}; {Runtime.name}")
    except w4j_cases.CaseFailure as e:
        return line(False, a.case, e)
    except Exception as e:
        return line(False, a.case, f"aiortc driver: {e!r}")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
