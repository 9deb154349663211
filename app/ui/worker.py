"""The one bridge between the UI thread and the core: run a call on a pool thread, report back.

Every AWS or SSH call of the wizard goes through :class:`TaskRunner.start`. The call receives a
``progress(step, message)`` callback and a :class:`CancelToken`; its result, failure or progress
come back as Qt signals, which Qt delivers on the UI thread. A failure is always a
:class:`WizardError` (anything else is logged with its traceback and turned into one), so pages
never show a traceback.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken, Progress
from app.core.redact import redact
from app.core.sentence import Sentence
from app.ui.gc_policy import settle
from app.ui.qt_fixes import emit

log = logging.getLogger(__name__)

#: A core call as the runner sees it: ``fn(progress, cancel) -> result``.
TaskFn = Callable[[Progress, CancelToken], Any]


class TaskSignals(QObject):
    """Signals of one task; emitted from the pool thread, received on the UI thread."""

    progress = Signal(str, object)  # step, message (a Sentence: object keeps it one)
    event = Signal(object)  # a structured progress event (e.g. the launch job's StepEvent)
    finished = Signal(object)  # the call's return value
    failed = Signal(object)  # a WizardError (Cancelled when cancelled)


class Task:
    """A handle on one running call: cancel it, or stop listening to it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cancel_token = CancelToken()
        self.signals = TaskSignals()
        self.done = False

    def cancel(self) -> None:
        """Ask the call to stop; it ends with ``failed(Cancelled)`` at its next check."""
        self.cancel_token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.cancel_token.cancelled

    def report_progress(self, step: str, message: Sentence) -> None:
        """The ``progress(step, message)`` callback core functions get (thread-safe)."""
        emit(self.signals.progress, step, message)

    def emit_event(self, event: object) -> None:
        """Forward a structured progress event to the UI thread (thread-safe)."""
        emit(self.signals.event, event)


class _Runnable(QRunnable):
    def __init__(self, task: Task, fn: TaskFn) -> None:
        super().__init__()
        self._task = task
        self._fn = fn

    def run(self) -> None:
        task = self._task
        try:
            result = self._fn(task.report_progress, task.cancel_token)
        except Cancelled as exc:
            emit(task.signals.failed, exc)
        except WizardError as exc:
            log.warning("%s failed: %s | %s", task.name, exc, exc.detail)
            emit(task.signals.failed, exc)
        except Exception as exc:  # a bug: log it in full, show the person a sentence
            log.exception("%s crashed", task.name)
            error = WizardError(
                QCoreApplication.translate(
                    "TaskRunner", "Something went wrong: {error}. The log has the details."
                ).format(error=exc.__class__.__name__),
                detail=redact(traceback.format_exc()),
                code="bug",
            )
            emit(task.signals.failed, error)
        else:
            if task.cancelled:
                emit(task.signals.failed, Cancelled())
            else:
                emit(task.signals.finished, result)


class TaskRunner(QObject):
    """Runs core calls on its own thread pool; keeps each task alive until it has reported."""

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 6) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Task] = set()

    def start(
        self,
        name: str,
        fn: TaskFn,
        *,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[WizardError], None] | None = None,
        on_progress: Callable[[str, Sentence], None] | None = None,
        on_event: Callable[[object], None] | None = None,
        task: Task | None = None,
    ) -> Task:
        """Run ``fn(progress, cancel)`` off the UI thread; callbacks run on the UI thread.

        Pass a ``task`` made beforehand when ``fn`` needs it, to send events with
        :meth:`Task.emit_event`.
        """
        task = task if task is not None else Task(name)
        if on_finished is not None:
            task.signals.finished.connect(on_finished)
        if on_failed is not None:
            task.signals.failed.connect(on_failed)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        if on_event is not None:
            task.signals.event.connect(on_event)
        task.signals.finished.connect(lambda _result: self._forget(task))
        task.signals.failed.connect(lambda _error: self._forget(task))
        self._running.add(task)
        self._pool.start(_Runnable(task, fn))
        return task

    def _forget(self, task: Task) -> None:
        task.done = True
        self._running.discard(task)
        settle()  # a call has just loaded or made long-lived objects: see gc_policy

    @property
    def busy(self) -> bool:
        """Whether any task has not reported yet."""
        return bool(self._running)

    def cancel_all(self) -> None:
        for task in list(self._running):
            task.cancel()

    def wait(self, milliseconds: int = -1) -> bool:
        """Block until every pool thread is idle (shutdown and tests only)."""
        return bool(self._pool.waitForDone(milliseconds))
