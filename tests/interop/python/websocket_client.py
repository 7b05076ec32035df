"""The WebSocket checks with websocket-client (Debian's python3-websocket), a synchronous client: subscribe,
publish with an ack, resume after a disconnect, refusals before the handshake, close 1009.

usage: websocket_client.py <base http url> <channel>
"""

import json
import struct
import sys

import websocket

from checks import Checks, publish


def recv_until(ws, pred):
    got = []
    while not pred(got):
        got.append(json.loads(ws.recv()))
    return got


def events(msgs):
    return [m["seq"] for m in msgs if m["type"] == "event"]


def main() -> None:
    base, ch = sys.argv[1], sys.argv[2]
    c = Checks("python websocket-client")
    url = base.replace("http", "ws", 1) + f"/api/channels/{ch}/ws"
    acks = [publish(base, ch, i) for i in (1, 2)]
    epoch = acks[0]["epoch"]

    ws = websocket.create_connection(f"{url}?after=0", timeout=5)
    got = recv_until(ws, lambda g: len(events(g)) == 2)
    c.ok(got[0]["type"] == "hello" and events(got) == [1, 2], "subscribe from after=0: hello, events 1 and 2", got)
    ws.send(json.dumps({"type": "publish", "data": "sync", "ref": "wc"}))
    got = recv_until(ws, lambda g: any(m["type"] == "ack" for m in g) and 3 in events(g))
    c.ok({"type": "ack", "seq": 3, "ref": "wc"} in got, "publish: ack seq 3 with the ref", got)
    ws.close()
    publish(base, ch, 4)
    ws = websocket.create_connection(f"{url}?after=3&epoch={epoch}", timeout=5)
    got = recv_until(ws, lambda g: len(events(g)) == 1)
    c.ok(events(got) == [4], "resume after a disconnect: exactly event 4", got)
    # An oversize message: the close frame with 1009 is read, not lost.
    ws.send("y" * 20_000)
    code = None
    while True:
        try:
            frame = ws.recv_frame()
        except websocket.WebSocketConnectionClosedException:
            break
        if frame.opcode == websocket.ABNF.OPCODE_CLOSE:
            code = struct.unpack("!H", frame.data[:2])[0] if len(frame.data) >= 2 else None
            break
    c.ok(code == 1009, "a 20000-byte message: the close frame says 1009", code)
    ws.close()

    for kwargs, want, what in [
        ({"origin": "http://evil.example"}, 403, "a foreign Origin: 403"),
        ({"origin": base.replace("http://", "https://")}, 403, "https:// origin on a plain-http server: 403"),
    ]:
        try:
            websocket.create_connection(url, timeout=5, **kwargs).close()
            status = 101
        except websocket.WebSocketBadStatusException as e:
            status = e.status_code
        c.ok(status == want, what, status)
    try:
        websocket.create_connection(f"{url}?after=-1", timeout=5).close()
        status = 101
    except websocket.WebSocketBadStatusException as e:
        status = e.status_code
    c.ok(status == 400, "a malformed cursor: 400", status)
    c.done()


main()
