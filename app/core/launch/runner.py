"""Runs the launch's steps, one by one or side by side, and reports each one's events."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from app.core.errors import Cancelled, WizardError
from app.core.launch.events import (
    CANCELLED_STATE,
    DONE,
    FAILED_STATE,
    RUNNING,
    SKIPPED,
    EventSink,
    StepEvent,
    StepSkipped,
)
from app.core.launch.registry import STEP_TITLES
from app.core.progress import CancelToken, Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence

log = logging.getLogger("app.core.launch")

StepFn = Callable[[Progress], Sentence]

_CANCELLED = QT_TRANSLATE_NOOP("core", "Cancelled.")


class StepRunner:
    """Runs named steps, one by one or side by side, and reports each one's events."""

    def __init__(self, emit: EventSink, cancel: CancelToken, pool: ThreadPoolExecutor) -> None:
        self._emit = emit
        self._cancel = cancel
        self._pool = pool
        self.timings: dict[str, float] = {}

    def run(self, step: str, fn: StepFn, on_done: Callable[[str], None]) -> None:
        self._cancel.raise_if_cancelled()
        started = time.monotonic()

        def progress(_inner_step: str, message: Sentence) -> None:
            self._emit(StepEvent(step, RUNNING, message, time.monotonic() - started))

        running = QT_TRANSLATE_NOOP("core", "{title}…").format(title=STEP_TITLES[step])
        self._emit(StepEvent(step, RUNNING, running, 0.0))
        try:
            message = fn(progress)
        except StepSkipped as skip:
            self.timings[step] = time.monotonic() - started
            self._emit(StepEvent(step, SKIPPED, skip.reason, self.timings[step]))
            return
        except Cancelled:
            elapsed = time.monotonic() - started
            self._emit(StepEvent(step, CANCELLED_STATE, _CANCELLED, elapsed))
            raise
        except WizardError as exc:
            self._emit(StepEvent(step, FAILED_STATE, exc.sentence, time.monotonic() - started))
            raise
        except Exception as exc:
            log.exception("step %s crashed", step)
            unexpected = QT_TRANSLATE_NOOP("core", "Unexpected error.")
            self._emit(StepEvent(step, FAILED_STATE, unexpected, 0.0))
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core", "The launch stopped at '{step}' because of an unexpected error."
                ).format(step=STEP_TITLES[step]),
                detail=f"{exc.__class__.__name__}: {exc}",
                code="internal",
            ) from exc
        self.timings[step] = time.monotonic() - started
        on_done(step)
        if self._cancel.cancelled:
            # Cancelled while it ran: what it made is recorded, so clean-up finds it.
            self._emit(StepEvent(step, CANCELLED_STATE, _CANCELLED, self.timings[step]))
            raise Cancelled()
        self._emit(StepEvent(step, DONE, message, self.timings[step]))

    def together(self, on_done: Callable[[str], None], *steps: tuple[str, StepFn]) -> None:
        """Run ``steps`` concurrently; wait for all; raise the first real failure."""
        futures = [self._pool.submit(self.run, name, fn, on_done) for name, fn in steps]
        errors: list[BaseException] = []
        for future in futures:
            exc = future.exception()
            if exc is not None:
                errors.append(exc)
        if errors:
            # A failure explains more than the cancellations it may have caused.
            raise next((e for e in errors if not isinstance(e, Cancelled)), errors[0])
