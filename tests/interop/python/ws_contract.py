"""The contract's core checks over WebSocket, with Python's websockets (Debian's python3-websockets): subscribe
from a cursor, publish with an ack, resume after a disconnect, a gap, a reset, a resume message, and the
refusals before the handshake. The server runs with RETENTION=20.

usage: ws_contract.py <base http url> <channel>
"""

import asyncio
import json
import sys

import websockets

from checks import Checks, publish

RETENTION = 20


async def collect(ws, until, timeout=5.0):
    """Messages until `until(messages)` is true (every message, `hello` included)."""
    got = []

    async def loop():
        while not until(got):
            got.append(json.loads(await ws.recv()))

    await asyncio.wait_for(loop(), timeout)
    return got


def events(msgs):
    return [m["seq"] for m in msgs if m["type"] == "event"]


async def main() -> None:
    base, ch = sys.argv[1], sys.argv[2]
    ws_base = base.replace("http", "ws", 1)
    url = f"{ws_base}/api/channels/{ch}/ws"
    c = Checks("python websockets")

    acks = [publish(base, ch, {"n": i}) for i in range(1, 4)]
    epoch = acks[0]["epoch"]

    async with websockets.connect(f"{url}?after=0") as ws:
        got = await collect(ws, lambda g: len(events(g)) == 3)
        c.ok(got[0] == {"type": "hello", "epoch": epoch, "head": 3}, "hello first, with the epoch and head", got[:1])
        c.ok(events(got) == [1, 2, 3], "subscribe from after=0: events 1..3 in order", got)
        first = next(m for m in got if m["type"] == "event")
        c.ok(first["data"] == {"n": 1} and first["time"] == acks[0]["time"], "an event carries data and time as published", first)
        await ws.send(json.dumps({"type": "publish", "data": {"via": "ws"}, "ref": "r-1"}))
        got = await collect(ws, lambda g: any(m["type"] == "ack" for m in g) and 4 in events(g))
        ack = next(m for m in got if m["type"] == "ack")
        c.ok(ack == {"type": "ack", "seq": 4, "ref": "r-1"}, "publish: an ack with the new seq and the ref", ack)
    # Disconnected at cursor 4; two more are published meanwhile.
    publish(base, ch, {"n": 5})
    publish(base, ch, {"n": 6})
    async with websockets.connect(f"{url}?after=4&epoch={epoch}") as ws:
        got = await collect(ws, lambda g: len(events(g)) == 2)
        c.ok(events(got) == [5, 6], "resume after a disconnect (?after=4&epoch): exactly 5 and 6", got)
        # The resume message restarts delivery from another cursor on the same socket.
        await ws.send(json.dumps({"type": "resume", "after": 5, "epoch": epoch}))
        got = await collect(ws, lambda g: len(events(g)) == 1)
        c.ok(got[0]["type"] == "hello" and events(got) == [6], "a resume message: hello, then the events after it", got)
        await ws.send(json.dumps({"type": "resume", "after": "5"}))
        got = await collect(ws, lambda g: any(m["type"] == "error" for m in g))
        err = next(m for m in got if m["type"] == "error")
        c.ok(err["code"] == "invalid_cursor", "a resume with a string cursor: error invalid_cursor, socket open", err)
        await ws.send("not json")
        got = await collect(ws, lambda g: any(m["type"] == "error" for m in g))
        c.ok(got[-1]["code"] == "invalid_json", "a frame that is not JSON: error invalid_json", got)
    # Away while more than the retention is published: a gap.
    for i in range(RETENTION + 5):
        publish(base, ch, {"flood": i})
    head = 6 + RETENTION + 5
    oldest = head - RETENTION + 1
    async with websockets.connect(f"{url}?after=6&epoch={epoch}") as ws:
        got = await collect(ws, lambda g: len(events(g)) == RETENTION)
        gap = [m for m in got if m["type"] == "gap"]
        c.ok(gap == [{"type": "gap", "missed": oldest - 1 - 6}], f"a gap: missed = {oldest - 7}", gap)
        c.ok(events(got) == list(range(oldest, head + 1)), "after the gap, everything retained", events(got))
    # A cursor from another history: a reset, then the whole retained history.
    async with websockets.connect(f"{url}?after=3&epoch=another-epoch") as ws:
        got = await collect(ws, lambda g: len(events(g)) == RETENTION)
        reset = [m for m in got if m["type"] == "reset"]
        c.ok(reset == [{"type": "reset", "epoch": epoch}], "another epoch: a reset with the current epoch", reset)
        c.ok(events(got)[0] == oldest, "after the reset, from the oldest retained", events(got)[:3])

    async def refused(path, **kw):
        try:
            async with websockets.connect(f"{ws_base}{path}", **kw):
                return 101
        except websockets.InvalidStatusCode as e:
            return e.status_code

    c.ok(await refused(f"/api/channels/{ch}/ws", origin="http://evil.example") == 403, "a foreign Origin: 403")
    same = base.replace("http://", "https://")
    c.ok(await refused(f"/api/channels/{ch}/ws", origin=same) == 403, "https:// on a plain-http server is another origin: 403")
    c.ok(await refused(f"/api/channels/{ch}/ws", origin=base) == 101, "the same origin: allowed")
    c.ok(await refused("/api/channels/Not_Valid/ws") == 400, "an invalid channel: 400")
    c.ok(await refused(f"/api/channels/{ch}/ws?after=1e3") == 400, "a malformed cursor: 400")
    c.ok(await refused("/api/health") == 404, "a handshake on a path that is no WebSocket: 404")
    c.done()


asyncio.run(main())
