"""Waiting out EC2's eventual consistency for resources this launch has just created.

Right after ``RunInstances``, ``CreateSecurityGroup`` or ``ImportKeyPair`` a call that names the
new id may answer ``InvalidInstanceID.NotFound`` / ``InvalidGroup.NotFound`` /
``InvalidKeyPair.NotFound`` although the resource exists (AWS: "Eventual consistency in the
Amazon EC2 API": retry with an exponential backoff starting at a couple of seconds, up to a few
minutes). Only ids this launch created are retried: a NotFound on an id the user typed is a
real mistake and must fail at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection
from typing import TypeVar

from botocore.exceptions import ClientError

from app.core.aws.errors import error_code
from app.core.progress import NEVER_CANCELLED, CancelToken

log = logging.getLogger(__name__)

NOT_FOUND_CODES = frozenset(
    {
        "InvalidInstanceID.NotFound",
        "InvalidGroup.NotFound",
        "InvalidGroupId.NotFound",
        "InvalidKeyPair.NotFound",
        "InvalidVolume.NotFound",
    }
)
#: How long a new id may stay invisible before NotFound is believed.
RETRY_SECONDS = 120.0
#: The first wait is short (AWS usually catches up within a second or two); it doubles.
FIRST_BACKOFF = 0.15
MAX_BACKOFF = 10.0

_T = TypeVar("_T")


def names_created(exc: BaseException, created: Collection[str]) -> bool:
    """Whether ``exc`` is a NotFound answer about one of the ids in ``created``."""
    if error_code(exc) not in NOT_FOUND_CODES or not isinstance(exc, ClientError):
        return False
    message = str(exc.response.get("Error", {}).get("Message", ""))
    return any(name and name in message for name in created)


class NotFoundBackoff:
    """The retry budget of one call: :meth:`delay` says how long to wait before trying again."""

    def __init__(self, created: Collection[str], *, deadline: float = RETRY_SECONDS) -> None:
        self.created = [name for name in created if name]
        self.deadline = deadline
        self.started = time.monotonic()
        self.next_wait = FIRST_BACKOFF

    def delay(self, exc: BaseException) -> float | None:
        """Seconds to wait before retrying after ``exc``; ``None``: do not retry, raise it."""
        if not names_created(exc, self.created):
            return None
        left = self.deadline - (time.monotonic() - self.started)
        if left <= 0:
            return None
        wait = min(self.next_wait, left)
        self.next_wait = min(MAX_BACKOFF, self.next_wait * 2)
        log.info("%s: not visible yet, retrying in %.2f s", error_code(exc), wait)
        return wait


def retry_not_found(
    call: Callable[[], _T],
    created: Collection[str],
    *,
    cancel: CancelToken = NEVER_CANCELLED,
    deadline: float = RETRY_SECONDS,
) -> _T:
    """``call()``, retried while AWS says one of the just-``created`` ids does not exist."""
    backoff = NotFoundBackoff(created, deadline=deadline)
    while True:
        try:
            return call()
        except ClientError as exc:
            wait = backoff.delay(exc)
            if wait is None:
                raise
        cancel.wait(wait)


def wait_until_listed(
    find: Callable[[], _T | None],
    *,
    cancel: CancelToken = NEVER_CANCELLED,
    deadline: float = RETRY_SECONDS,
) -> _T | None:
    """``find()`` until it finds something: for a resource AWS says exists (a Duplicate
    answer) but a search does not list yet. ``None`` if it never appears within ``deadline``."""
    started = time.monotonic()
    wait = FIRST_BACKOFF
    while True:
        found = find()
        left = deadline - (time.monotonic() - started)
        if found is not None or left <= 0:
            return found
        cancel.wait(min(wait, left))
        wait = min(MAX_BACKOFF, wait * 2)
