"""A fake EC2 instance metadata service (IMDSv2 only) on loopback, for the demo and the tests.

It answers what the spot guard asks, as AWS documents it (EC2 User Guide: "Use the Instance
Metadata Service to access instance metadata", "Spot Instance interruption notices", "EC2
instance rebalance recommendations"):

- ``PUT /latest/api/token`` with ``X-aws-ec2-metadata-token-ttl-seconds`` (1 to 21600) gives a
  token; a missing or out-of-range TTL is answered 400.
- Every ``GET`` needs ``X-aws-ec2-metadata-token``: missing, unknown or expired is 401 (IMDSv2
  required, as on the Deep Learning AMIs).
- ``/latest/meta-data/spot/instance-action``: 404 until :meth:`announce_interruption`, then
  ``{"action": ..., "time": "...Z"}``; ``/latest/meta-data/events/recommendations/rebalance``:
  404 until :meth:`recommend_rebalance`, then ``{"noticeTime": "...Z"}``.

Not reproduced: the hop limit (a container's extra hop), IMDSv1, ``X-Forwarded-For`` refusal,
and every other metadata path (404 here).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN_PATH = "/latest/api/token"  # noqa: S105 (a path, not a secret)
INSTANCE_ACTION_PATH = "/latest/meta-data/spot/instance-action"
REBALANCE_PATH = "/latest/meta-data/events/recommendations/rebalance"
MAX_TTL = 21600
NOTICE_SECONDS = 120  # AWS's two minutes' warning


def metadata_stamp(moment: dt.datetime) -> str:
    """AWS's form: ``2017-09-18T08:22:00Z`` (UTC, whole seconds)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class FakeMetadataServer:
    """``start()`` listens on 127.0.0.1; ``url`` is what the agent's ``metadata_url`` takes."""

    def __init__(self) -> None:
        self._tokens: dict[str, float] = {}  # token -> expiry (monotonic)
        self._lock = threading.Lock()
        self.instance_action: dict[str, str] | None = None
        self.rebalance: dict[str, str] | None = None
        self.requests: list[tuple[str, str, int]] = []  # (method, path, status)
        self._server: ThreadingHTTPServer | None = None

    # -- what a test or the demo does --------------------------------------------------------

    def announce_interruption(
        self, action: str = "terminate", at: dt.datetime | None = None
    ) -> dict[str, str]:
        """The two-minute notice: ``action`` at ``at`` (default: two minutes from now)."""
        moment = at or dt.datetime.now(dt.UTC) + dt.timedelta(seconds=NOTICE_SECONDS)
        self.instance_action = {"action": action, "time": metadata_stamp(moment)}
        return self.instance_action

    def recommend_rebalance(self) -> dict[str, str]:
        self.rebalance = {"noticeTime": metadata_stamp(dt.datetime.now(dt.UTC))}
        return self.rebalance

    def expire_tokens(self) -> None:
        """Every token given out so far is now expired (their TTL passed)."""
        with self._lock:
            self._tokens = dict.fromkeys(self._tokens, 0.0)

    def statuses(self, path: str) -> list[int]:
        return [status for _method, seen, status in self.requests if seen == path]

    # -- serving --------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeMetadataServer:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="fake-imds", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeMetadataServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _token(self, ttl_header: str | None) -> tuple[int, str]:
        try:
            ttl = int(ttl_header or "")
        except ValueError:
            return 400, ""
        if not 1 <= ttl <= MAX_TTL:
            return 400, ""
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = time.monotonic() + ttl
        return 200, token

    def _answer(self, path: str, token: str | None) -> tuple[int, str]:
        with self._lock:
            valid = token is not None and self._tokens.get(token, 0.0) > time.monotonic()
        if not valid:
            return 401, ""
        body: Any = {INSTANCE_ACTION_PATH: self.instance_action, REBALANCE_PATH: self.rebalance}
        found = body.get(path)
        if found is None:
            return 404, ""
        return 200, json.dumps(found)


def _handler(server: FakeMetadataServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            if self.path != TOKEN_PATH:
                self._reply(405 if self.path.startswith("/latest/meta-data") else 404, "")
                return
            self._reply(*server._token(self.headers.get("X-aws-ec2-metadata-token-ttl-seconds")))

        def do_GET(self) -> None:
            self._reply(*server._answer(self.path, self.headers.get("X-aws-ec2-metadata-token")))

        def _reply(self, status: int, body: str) -> None:
            server.requests.append((self.command, self.path, status))
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: Any) -> None:  # quiet: the tests read ``requests``
            pass

    return Handler
