"""The contract's core checks with aiohttp (Debian's python3-aiohttp): publish, poll and its limit, long-poll
held and woken, gap, reset, a channel read before its first publish, the JSON refusals, and WebSocket
(subscribe, publish with an ack, resume, close 1009 for an oversize message). RETENTION=20 on the server.

usage: aiohttp_contract.py <base http url> <channel>
"""

import asyncio
import sys

import aiohttp

from checks import Checks

RETENTION = 20


async def main() -> None:
    base, ch = sys.argv[1], sys.argv[2]
    c = Checks("python aiohttp")
    api = f"{base}/api/channels/{ch}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as http:

        async def publish(data):
            async with http.post(f"{api}/events", json={"data": data}) as r:
                return r.status, r.content_type, await r.json()

        async def get(path):
            async with http.get(f"{base}{path}") as r:
                body = await r.json(content_type=None)
                return r.status, r.headers, body

        status, ctype, ack = await publish({"n": 1})
        c.ok(status == 201 and ctype == "application/json" and ack["seq"] == 1, "publish: 201 application/json, seq 1", (status, ctype, ack))
        epoch = ack["epoch"]
        for i in (2, 3):
            await publish({"n": i})
        status, headers, p = await get(f"/api/channels/{ch}/poll?after=0")
        c.ok(
            status == 200 and [e["seq"] for e in p["events"]] == [1, 2, 3] and p["cursor"] == 3 and p["epoch"] == epoch,
            "poll after=0: events 1..3, cursor 3, the epoch",
            p,
        )
        c.ok(headers.get("Content-Type") == "application/json", "poll: Content-Type application/json", headers.get("Content-Type"))
        c.ok(headers.get("Cache-Control") == "no-store", "poll: Cache-Control no-store", headers.get("Cache-Control"))
        _, _, page = await get(f"/api/channels/{ch}/poll?after=0&limit=2")
        c.ok([e["seq"] for e in page["events"]] == [1, 2] and page["cursor"] == 2, "poll limit=2: a page of two, cursor 2", page)
        _, _, lp = await get(f"/api/channels/{ch}/long-poll?after=0&limit=1&timeout=0")
        c.ok([e["seq"] for e in lp["events"]] == [1], "long-poll takes the same limit (limit=1: one event)", lp)

        # A held long-poll, woken by a publish from another request.
        held = asyncio.create_task(get(f"/api/channels/{ch}/long-poll?after=3&epoch={epoch}&timeout=10000"))
        await asyncio.sleep(0.3)
        c.ok(not held.done(), "long-poll: held while nothing is new")
        await publish({"n": 4})
        _, _, woke = await asyncio.wait_for(held, 5)
        c.ok([e["seq"] for e in woke["events"]] == [4] and woke["cursor"] == 4, "long-poll: woken with the event", woke)
        _, _, quiet = await get(f"/api/channels/{ch}/long-poll?after=4&epoch={epoch}&timeout=0")
        c.ok(quiet["events"] == [] and quiet["cursor"] == 4, "long-poll timeout=0: at once, nothing new, same cursor", quiet)

        for i in range(RETENTION + 5):
            await publish({"flood": i})
        head = 4 + RETENTION + 5
        oldest = head - RETENTION + 1
        _, _, gap = await get(f"/api/channels/{ch}/poll?after=4&epoch={epoch}&limit=1000")
        c.ok(gap.get("missed") == oldest - 5 and gap["events"][0]["seq"] == oldest, f"a gap: missed {oldest - 5}, from the oldest", gap.get("missed"))
        _, _, reset = await get(f"/api/channels/{ch}/poll?after=2&epoch=another-epoch")
        c.ok(reset.get("reset") is True and reset["epoch"] == epoch and reset["events"][0]["seq"] == oldest, "another epoch: reset, from the oldest", reset.get("reset"))

        # A channel nobody has published to, read first, then published to: no reset for that reader.
        fresh = f"/api/channels/{ch}-fresh"
        _, _, empty = await get(f"{fresh}/poll?after=0")
        c.ok(empty["events"] == [] and empty["cursor"] == 0 and isinstance(empty["epoch"], str), "an empty channel: no events, cursor 0, an epoch", empty)
        async with http.post(f"{base}{fresh}/events", json={"data": "first"}) as r:
            first = await r.json()
        _, _, after_first = await get(f"{fresh}/poll?after=0&epoch={empty['epoch']}")
        c.ok(
            "reset" not in after_first and [e["seq"] for e in after_first["events"]] == [1] and after_first["epoch"] == first["epoch"],
            "its first publish reaches the earlier reader as seq 1, with no reset",
            after_first,
        )

        # Refusals: JSON, one media type, the documented status.
        for path, want, code in [
            (f"/api/channels/{ch}/poll?after=1e3", 400, "invalid_cursor"),
            (f"/api/channels/{ch}/poll?limit=0", 400, "invalid_limit"),
            (f"/api/channels/{ch}/poll?after=12345678901234567", 400, "invalid_cursor"),
            ("/api/channels/Not_Valid/poll", 400, "invalid_channel"),
            (f"/api/channels/{ch}/events", 405, "method_not_allowed"),
            (f"/api/channels/{ch}/ws", 426, "upgrade_required"),
            ("/api/no-such-route", 404, "not_found"),
        ]:
            status, headers, body = await get(path)
            c.ok(
                status == want and headers.get("Content-Type") == "application/json" and body["error"]["code"] == code,
                f"GET {path.split('?')[0]}{'?' + path.split('?')[1] if '?' in path else ''}: {want} {code}",
                (status, headers.get("Content-Type"), body),
            )
        _, _, big = await get(f"/api/channels/{ch}/poll?after=1234567890123456")
        c.ok(big.get("reset") is True, "a 16-digit cursor is a safe integer: past the head, a reset", big)
        async with http.post(f"{api}/events", data="hello", headers={"content-type": "text/plain"}) as r:
            c.ok(r.status == 415 and (await r.json())["error"]["code"] == "unsupported_media_type", "publish as text/plain: 415")

        # WebSocket with aiohttp's own client.
        ws_url = base.replace("http", "ws", 1) + f"/api/channels/{ch}/ws"
        async with http.ws_connect(f"{ws_url}?after={head - 2}&epoch={epoch}") as ws:
            got = []
            while len([m for m in got if m["type"] == "event"]) < 2:
                got.append(await ws.receive_json(timeout=5))
            c.ok(got[0]["type"] == "hello" and [m["seq"] for m in got if m["type"] == "event"] == [head - 1, head], "ws: hello, then the events after the cursor", got)
            await ws.send_json({"type": "publish", "data": "from aiohttp", "ref": 7})
            acks = []
            while not acks:
                m = await ws.receive_json(timeout=5)
                if m["type"] == "ack":
                    acks.append(m)
            c.ok(acks[0] == {"type": "ack", "seq": head + 1, "ref": 7}, "ws: publish acked with seq and a numeric ref", acks)
            await ws.send_str("x" * 20_000)
            msg = await ws.receive(timeout=5)
            while msg.type == aiohttp.WSMsgType.TEXT:
                msg = await ws.receive(timeout=5)
            c.ok(msg.type == aiohttp.WSMsgType.CLOSE and msg.data == 1009, "ws: a 20000-byte message closes with 1009", (msg.type, msg.data))
    c.done()


asyncio.run(main())
