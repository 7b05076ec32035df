"""A few lines shared by the interop scripts: each check prints one line, and the script exits non-zero
if any failed. The Node test that runs the script (tests/interop/*.test.ts) shows the lines and asserts
the exit code, so a failing check names itself in the test's output."""

import json
import sys
import urllib.request


class Checks:
    def __init__(self, client: str) -> None:
        self.client = client
        self.passed = 0
        self.failed = 0

    def ok(self, cond: bool, name: str, detail: object = "") -> bool:
        if cond:
            self.passed += 1
            print(f"ok     {self.client}: {name}", flush=True)
        else:
            self.failed += 1
            print(f"NOT OK {self.client}: {name} -- {detail}", flush=True)
        return cond

    def done(self) -> None:
        print(f"{self.client}: {self.passed} checks ok, {self.failed} not ok", flush=True)
        sys.exit(1 if self.failed or not self.passed else 0)


def publish(base: str, channel: str, data: object) -> dict:
    """A publish with the standard library, so that each script exercises only its own client."""
    req = urllib.request.Request(
        f"{base}/api/channels/{channel}/events",
        data=json.dumps({"data": data}).encode(),
        headers={"content-type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return json.loads(res.read())
