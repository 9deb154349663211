"""Small HTTP helpers for talking to the real Jupyter server in the remote tests."""
# ruff: noqa: S310, S323  (our own Jupyter on loopback, with its self-signed certificate)

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from typing import Any


def status(url: str, token: str | None = None, *, method: str = "GET", timeout: float = 15) -> int:
    """The HTTP status of one request (errors are statuses too), the response fully read."""
    headers = {"Authorization": f"token {token}"} if token else {}
    request = urllib.request.Request(url, headers=headers, method=method)
    context = ssl._create_unverified_context() if url.startswith("https") else None
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        with error:
            return int(error.code)


def call(
    url: str, token: str, *, method: str = "GET", body: Any = None, timeout: float = 15
) -> Any:
    """A Jupyter REST call with the token; the JSON answer (None when empty)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    context = ssl._create_unverified_context() if url.startswith("https") else None
    with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
        text = response.read()
    return json.loads(text) if text else None
