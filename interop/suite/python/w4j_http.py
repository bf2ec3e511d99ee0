"""Just enough HTTP/1.1 on asyncio for the echo contract (interop/README.md): a client for one
request per connection, and a server for POST /offer and DELETE /session/<n>. Debian's
python3-aiortc brings no HTTP library, and this needs none."""
import asyncio
from urllib.parse import urlsplit, urljoin


async def request(method: str, url: str, body=None, timeout=30.0):
    """One request; returns dict(status, location (absolute), contentType, body)."""
    u = urlsplit(url)
    if u.hostname not in ("127.0.0.1", "::1", "localhost"):
        raise ValueError(f"refusing non-loopback URL {url}")
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(u.hostname, u.port or 80), timeout)
    try:
        data = b"" if body is None else body.encode("utf-8")
        head = [f"{method} {u.path or '/'}{'?' + u.query if u.query else ''} HTTP/1.1",
                f"Host: {u.netloc}", "Connection: close", f"Content-Length: {len(data)}"]
        if body is not None:
            head.append("Content-Type: application/sdp")
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("ascii") + data)
        await writer.drain()
        status_line, headers = await _read_head(reader, timeout)
        status = int(status_line.split()[1])
        n = headers.get("content-length")
        if n is not None:
            payload = await asyncio.wait_for(reader.readexactly(int(n)), timeout)
        else:
            payload = await asyncio.wait_for(reader.read(), timeout)
        loc = headers.get("location")
        return {"status": status, "location": urljoin(url, loc) if loc else None,
                "contentType": headers.get("content-type"), "body": payload.decode("utf-8")}
    finally:
        writer.close()


async def _read_head(reader, timeout):
    raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    lines = raw.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return lines[0], headers


async def serve_echo(port: int, answer, log):
    """Serves the echo contract on 127.0.0.1:port. answer(offer_sdp) -> (answer_sdp, close_coro_fn).
    Returns (server, url)."""
    sessions = {}
    counter = [0]

    async def handle(reader, writer):
        async def send(status, reason, headers=None, body=b""):
            h = [f"HTTP/1.1 {status} {reason}", f"Content-Length: {len(body)}", "Connection: close"]
            h += [f"{k}: {v}" for k, v in (headers or {}).items()]
            writer.write(("\r\n".join(h) + "\r\n\r\n").encode("ascii") + body)
            await writer.drain()
        try:
            request_line, headers = await _read_head(reader, 30)
            method, target = request_line.split()[0:2]
            n = int(headers.get("content-length", "0"))
            body = (await reader.readexactly(n)).decode("utf-8") if n else ""
            path = urlsplit(target).path
            if method == "POST" and path == "/offer":
                if not headers.get("content-type", "").lower().startswith("application/sdp"):
                    await send(415, "Unsupported Media Type", {"Content-Type": "text/plain"},
                               b"Content-Type must be application/sdp\n")
                    return
                try:
                    answer_sdp, close = await answer(body)
                except Exception as e:  # refused offer: say why
                    log(f"offer refused: {e}")
                    await send(400, "Bad Request", {"Content-Type": "text/plain"}, f"{e}\n".encode())
                    return
                counter[0] += 1
                sessions[counter[0]] = close
                await send(201, "Created", {"Content-Type": "application/sdp",
                                            "Location": f"/session/{counter[0]}"},
                           answer_sdp.encode("utf-8"))
                return
            if method == "DELETE" and path.startswith("/session/") and path[9:].isdigit():
                close = sessions.pop(int(path[9:]), None)
                if close is None:
                    await send(404, "Not Found", {"Content-Type": "text/plain"}, b"no such session\n")
                    return
                await close()
                await send(204, "No Content")
                return
            await send(404, "Not Found", {"Content-Type": "text/plain"}, b"not found\n")
        except Exception as e:
            log(f"request failed: {e!r}")
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port)
    real = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{real}/offer"
