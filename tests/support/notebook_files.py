"""Files in a notebook through Jupyter's contents API, at the address a launch printed
(``http://127.0.0.1:PORT/lab?token=…``: the tunnel), as a user's browser would reach them."""

from __future__ import annotations

import json
import urllib.request
from typing import Any


def contents(url: str, path: str, text: str | None = None) -> dict[str, Any]:
    """The file ``path`` (relative to the notebook's folder); with ``text``, written first."""
    base, token = url.split("/lab?token=")
    assert base.startswith("http://127.0.0.1:")
    body = {"type": "file", "format": "text", "content": text} if text is not None else None
    request = urllib.request.Request(  # noqa: S310 (checked: loopback http)
        f"{base}/api/contents/{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method="PUT" if body is not None else "GET",
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=20) as answer:  # noqa: S310
        loaded: dict[str, Any] = json.loads(answer.read())
        return loaded
