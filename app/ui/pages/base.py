"""What every page shares: the flow's navigation, the inline error, and running core calls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from app.core import flow
from app.core.errors import Cancelled, WizardError
from app.core.flow import PageId
from app.ui.context import WizardContext
from app.ui.qt_fixes import emit
from app.ui.sentences import shown
from app.ui.side_panel import page_title
from app.ui.widgets import BusyLine, ErrorPanel
from app.ui.worker import Task, TaskFn

#: QWizard wants numbers for pages; the order of PageId gives them.
PAGE_NUMBERS: dict[PageId, int] = {page: number for number, page in enumerate(PageId)}


class FlowPage(QWizardPage):
    """A wizard page whose Next button and successor come from :mod:`app.core.flow`."""

    page_id: ClassVar[PageId]

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle(page_title(self.page_id))
        self.setSubTitle(self.explanation())
        self.error_panel = ErrorPanel()
        self.busy = BusyLine()
        self.needs_label = QLabel()
        self.needs_label.setObjectName("needs")
        self.needs_label.setStyleSheet("#needs { color: #5f6368; }")
        self.needs_label.setWordWrap(True)
        self._tasks: dict[str, Task] = {}
        self._blocks_next: dict[str, bool] = {}
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.busy)
        layout.addWidget(self.error_panel)
        layout.addWidget(self.needs_label)

    def explanation(self) -> str:
        """One line under the title saying what the page is for."""
        return ""

    # -- navigation --------------------------------------------------------------------------

    def missing(self) -> list[str]:
        return flow.missing(self.page_id, self.ctx.state)

    def isComplete(self) -> bool:
        return not self.missing() and not self.blocking_task()

    def nextId(self) -> int:
        following = flow.next_page(self.page_id, self.ctx.state)
        return -1 if following is None else PAGE_NUMBERS[following]

    def changed(self) -> None:
        """Something the Next button depends on changed: re-evaluate it and the hint."""
        needs = self.missing()
        self.needs_label.setText(shown(needs[0]) if needs and not self.blocking_task() else "")
        emit(self.completeChanged)

    def blocking_task(self) -> bool:
        """Whether a call that Next must wait for is running."""
        return any(self._blocks_next.get(name, False) for name in self._tasks)

    # -- core calls --------------------------------------------------------------------------

    def run_task(
        self,
        name: str,
        fn: TaskFn,
        on_finished: Callable[[Any], None],
        *,
        busy_text: str,
        on_failed: Callable[[WizardError], None] | None = None,
        on_event: Callable[[object], None] | None = None,
        blocks_next: bool = True,
        cancellable: bool = True,
        task: Task | None = None,
    ) -> Task:
        """Run a core call off the UI thread; a newer call of the same name replaces it.

        While it runs the busy line shows ``busy_text`` (none when empty); a failure shows the
        core's message in the error panel (a cancel shows nothing) and the page stays usable.
        """
        previous = self._tasks.get(name)
        if previous is not None and not previous.done:
            previous.cancel()
        self.error_panel.clear()

        def finished(result: Any) -> None:
            if self._tasks.get(name) is not task:
                return  # superseded by a newer call
            self._end(name)
            on_finished(result)
            self.changed()

        def failed(error: WizardError) -> None:
            if self._tasks.get(name) is not task:
                return
            self._end(name)
            if not isinstance(error, Cancelled):
                self.error_panel.show_error(error)
            if on_failed is not None:
                on_failed(error)
            self.changed()

        task = self.ctx.runner.start(
            name, fn, on_finished=finished, on_failed=failed, on_event=on_event, task=task
        )
        self._tasks[name] = task
        self._blocks_next[name] = blocks_next
        if busy_text:
            self.busy.start(busy_text, task.cancel if cancellable else None)
        self.changed()
        return task

    def _end(self, name: str) -> None:
        self._tasks.pop(name, None)
        self._blocks_next.pop(name, None)
        if not self._tasks:
            self.busy.stop()

    def task_running(self, name: str) -> bool:
        task = self._tasks.get(name)
        return task is not None and not task.done

    def cancel_tasks(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()
