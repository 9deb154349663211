"""Progress reporting and cancellation shared by every long-running core function."""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.core.errors import Cancelled
from app.core.sentence import Sentence

#: ``progress(step, message)``: called from worker threads; must be cheap and thread-safe.
#: ``message`` is a sentence, so the wizard can show it translated.
Progress = Callable[[str, Sentence], None]


def no_progress(step: str, message: Sentence) -> None:
    """A progress callback that ignores everything."""


class CancelToken:
    """A thin wrapper over :class:`threading.Event` that knows how to stop a job."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> None:
        """Sleep up to ``seconds``; raise :class:`Cancelled` as soon as the job is cancelled."""
        if self._event.wait(seconds):
            raise Cancelled()


NEVER_CANCELLED = CancelToken()
