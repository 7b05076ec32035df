"""SSE with httpx (Debian's python3-httpx), read the way httpx-sse reads it: httpx-sse itself is not in
Debian, so its decoder's rules are restated below (one event per blank line once any field was set; the
last id is kept across events, as the standard says). The first event such a client hands over must be a
real one with JSON data (a frame of `retry:` alone came out as an event with empty data, and
json.loads("") crashed). Then resume with Last-Event-ID, gap, reset, a foreign id, a heartbeat, and a
refusal. RETENTION=20 and SSE_HEARTBEAT_MS=300 on the server.

usage: httpx_sse.py <base http url> <channel>
"""

import json
import sys
import threading
import time
from dataclasses import dataclass

import httpx

from checks import Checks, publish

RETENTION = 20


@dataclass
class Event:
    event: str
    data: str
    id: str
    retry: int | None


class HttpxSseDecoder:
    """httpx-sse's SSEDecoder, as documented by that library's code: line in, event out on a blank line."""

    def __init__(self) -> None:
        self.event, self.data, self.last_id, self.retry = "", [], "", None

    def decode(self, line: str) -> Event | None:
        if not line:
            if not self.event and not self.data and not self.last_id and self.retry is None:
                return None
            sse = Event(self.event, "\n".join(self.data), self.last_id, self.retry)
            self.event, self.data, self.retry = "", [], None  # the last id stays
            return sse
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "event":
            self.event = value
        elif name == "data":
            self.data.append(value)
        elif name == "id" and "\0" not in value:
            self.last_id = value
        elif name == "retry" and value.isdigit():
            self.retry = int(value)
        return None


def read_events(client: httpx.Client, url: str, until, headers=None, budget_s: float = 8.0):
    """Events as httpx-sse would yield them, until `until(events)` says enough."""
    events: list[Event] = []
    decoder = HttpxSseDecoder()
    deadline = time.monotonic() + budget_s
    with client.stream("GET", url, headers={"Accept": "text/event-stream", **(headers or {})}) as r:
        meta = (r.status_code, r.headers.get("content-type", ""))
        if r.status_code != 200:
            r.read()
            return meta, [], r
        for line in r.iter_lines():
            sse = decoder.decode(line.rstrip("\n"))  # as httpx-sse does (this httpx keeps the newline)
            if sse is not None:
                events.append(sse)
                if until(events):
                    break
            if time.monotonic() > deadline:
                break
    return meta, events, r


def main() -> None:
    base, ch = sys.argv[1], sys.argv[2]
    c = Checks("python httpx (httpx-sse's reading)")
    acks = [publish(base, ch, {"n": i}) for i in (1, 2, 3)]
    epoch = acks[0]["epoch"]
    sse = f"{base}/api/channels/{ch}/sse"
    real = lambda evs: [e for e in evs if e.data]  # noqa: E731
    with httpx.Client(timeout=httpx.Timeout(10.0)) as client:
        meta, events, _ = read_events(client, f"{sse}?after=0", lambda evs: len(real(evs)) >= 3)
        c.ok(meta[0] == 200 and meta[1].startswith("text/event-stream"), "200 text/event-stream", meta)
        first = events[0] if events else None
        c.ok(first is not None and first.data != "", "the first event handed over has data (no retry-only frame)", first)
        parsed = [json.loads(e.data) for e in events[:3]]
        c.ok([p["seq"] for p in parsed] == [1, 2, 3], "json.loads works on every event: seqs 1..3", parsed)
        c.ok(first is not None and first.retry is not None, "retry: arrives with that first event", first)
        c.ok(events[2].id == f"{epoch}:3", "ids are <epoch>:<seq>", events[2].id)
        last_id = events[2].id

        # Resume after a disconnect: the client sends the last id back.
        publish(base, ch, {"n": 4})
        publish(base, ch, {"n": 5})
        _, resumed, _ = read_events(client, sse, lambda evs: len(real(evs)) >= 2, {"Last-Event-ID": last_id})
        c.ok([json.loads(e.data)["seq"] for e in real(resumed)][:2] == [4, 5], "Last-Event-ID resumes with exactly 4 and 5", resumed)

        # A quiet stream: the heartbeat is a comment; httpx-sse hands it over as an event with empty data
        # once an id was seen (the quirk the API reference warns about): skip events without data.
        _, quiet, _ = read_events(client, sse, lambda evs: len(evs) >= 2, {"Last-Event-ID": f"{epoch}:4"}, budget_s=5)
        c.ok(
            len(quiet) >= 2 and json.loads(quiet[0].data)["seq"] == 5 and quiet[1].data == "" and quiet[1].id == f"{epoch}:5",
            "after an event, a heartbeat on the quiet stream reaches an httpx-sse reader as an empty event (skip it)",
            quiet,
        )

        for i in range(RETENTION + 5):
            publish(base, ch, {"flood": i})
        head = 5 + RETENTION + 5
        oldest = head - RETENTION + 1
        _, gapped, _ = read_events(client, sse, lambda evs: len(real(evs)) >= 2, {"Last-Event-ID": f"{epoch}:5"})
        c.ok(gapped[0].event == "gap" and json.loads(gapped[0].data) == {"missed": oldest - 6}, f"a gap event: missed {oldest - 6}", gapped[:2])
        c.ok(json.loads(gapped[1].data)["seq"] == oldest and gapped[0].id == f"{epoch}:{oldest - 1}", "then the oldest retained; the gap's id moves the cursor", gapped[:2])
        _, was_reset, _ = read_events(client, sse, lambda evs: len(real(evs)) >= 2, {"Last-Event-ID": "another-epoch:3"})
        c.ok(was_reset[0].event == "reset" and json.loads(was_reset[0].data) == {"epoch": epoch}, "another epoch: a reset event with the current epoch", was_reset[:1])
        meta, foreign, _ = read_events(client, sse, lambda evs: len(real(evs)) >= 1, {"Last-Event-ID": "not one of ours"})
        c.ok(meta[0] == 200 and foreign[0].event == "reset", "a Last-Event-ID we never issued: 200 and a reset, never an error status", (meta, foreign[:1]))

        # Live: an event published while the stream is open arrives.
        threading.Timer(0.3, lambda: publish(base, ch, "live")).start()
        _, live, _ = read_events(client, f"{sse}?after={head}&epoch={epoch}", lambda evs: len(real(evs)) >= 1)
        c.ok(json.loads(real(live)[0].data)["data"] == "live", "a live publish reaches the open stream", live)

        meta, _, r = read_events(client, f"{sse}?after=x", lambda evs: True)
        c.ok(
            meta == (400, "application/json") and r.json()["error"]["code"] == "invalid_cursor",
            "a malformed ?after: 400 JSON before the stream",
            meta,
        )
    c.done()


main()
