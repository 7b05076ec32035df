"""Oversize WebSocket messages sent in fragments, by Python's websockets (Debian's python3-websockets) and
by a raw socket that writes every fragment before it reads anything: the server must always answer with
a close frame of code 1009 that reaches the client (RFC 6455 §7.1.1: keep reading until the peer's close),
never a reset that throws the close frame away (seen by the client as 1006).

usage: ws_fragments.py <base http url> <runs>
"""

import asyncio
import base64
import os
import socket
import struct
import sys
import time
from urllib.parse import urlsplit

import websockets

from checks import Checks

FRAGMENT = 10_000
FRAGMENTS = 10  # 100 KB in all, over the default WS_MAX_MESSAGE_BYTES of 16384


async def fragmented_close_code(url: str) -> int | None:
    async with websockets.connect(url, max_size=None) as ws:
        try:
            await ws.send(("x" * FRAGMENT for _ in range(FRAGMENTS)))
        except websockets.ConnectionClosed:
            pass
        try:
            await asyncio.wait_for(ws.wait_closed(), 10)
        except asyncio.TimeoutError:
            return None
        return ws.close_code


def masked_frame(opcode: int, payload: bytes, fin: bool) -> bytes:
    mask = os.urandom(4)
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack("!H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack("!Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def write_all_then_read(base: str, path: str) -> str:
    """Handshake and every fragment in one write, then read: what the server's close looked like."""
    u = urlsplit(base)
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
    ).encode()
    frames = [masked_frame(0x1 if i == 0 else 0x0, b"y" * FRAGMENT, fin=i == FRAGMENTS - 1) for i in range(FRAGMENTS)]
    sock = socket.create_connection((u.hostname, u.port), timeout=10)
    try:
        # One write per fragment, as a client that streams a message does; none of them may fail.
        sock.sendall(request)
        for i in range(FRAGMENTS):
            try:
                sock.sendall(frames[i])
            except OSError as e:
                return f"writing fragment {i + 1} failed ({e.strerror}): the server reset the connection (1006)"
            time.sleep(0.005)
        data = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                return "reset before a close frame (1006)"
            except socket.timeout:
                return "no close frame within 10 s"
            if not chunk:
                break
            data += chunk
            code = close_code_in(data)
            if code is not None:
                # Answer the close as a client must (best effort: the server may have gone already).
                try:
                    sock.sendall(masked_frame(0x8, struct.pack("!H", code), fin=True))
                except OSError:
                    pass
                return f"close {code}"
        code = close_code_in(data)
        return f"close {code}" if code is not None else "the connection ended without a close frame (1006)"
    finally:
        sock.close()


def close_code_in(data: bytes) -> int | None:
    """The code of the first close frame in the server's bytes after the 101 head, if one is complete."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return None
    buf = data[end + 4 :]
    i = 0
    while i + 2 <= len(buf):
        opcode = buf[i] & 0x0F
        n = buf[i + 1] & 0x7F
        j = i + 2
        if n == 126:
            if j + 2 > len(buf):
                return None
            n = struct.unpack("!H", buf[j : j + 2])[0]
            j += 2
        elif n == 127:
            if j + 8 > len(buf):
                return None
            n = struct.unpack("!Q", buf[j : j + 8])[0]
            j += 8
        if j + n > len(buf):
            return None
        if opcode == 0x8:
            return struct.unpack("!H", buf[j : j + 2])[0] if n >= 2 else 1005
        i = j + n
    return None


async def main() -> None:
    base, runs = sys.argv[1], int(sys.argv[2])
    c = Checks("python websockets")
    ws_url = base.replace("http", "ws", 1) + "/api/channels/interop-frag/ws"
    codes = [await fragmented_close_code(ws_url) for _ in range(runs)]
    c.ok(
        all(code == 1009 for code in codes),
        f"a 100 KB message in 10 KB fragments closes with 1009, {runs} times out of {runs}",
        f"close codes seen: {codes}",
    )
    raw = [write_all_then_read(base, "/api/channels/interop-frag/ws") for _ in range(runs)]
    c.ok(
        all(r == "close 1009" for r in raw),
        f"a client that writes every fragment before it reads still gets close 1009, {runs} times out of {runs}",
        f"seen: {raw}",
    )
    c.done()


asyncio.run(main())
