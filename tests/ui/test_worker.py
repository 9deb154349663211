"""The worker bridge: results, errors and cancels come back on the UI thread."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken, Progress
from app.core.sentence import QT_TRANSLATE_NOOP, Sentence
from app.ui.worker import Task, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> TaskRunner:
    return TaskRunner()


def test_result_arrives_on_the_ui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    ui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work(progress: Progress, cancel: CancelToken) -> int:
        seen["worker"] = threading.get_ident()
        progress(
            "step", QT_TRANSLATE_NOOP("core", "waiting for SSH, {seconds} s").format(seconds=5)
        )
        return 42

    def finished(value: object) -> None:
        seen["callback"] = threading.get_ident()
        seen["value"] = value

    messages: list[tuple[str, object]] = []
    task = runner.start(
        "answer", work, on_finished=finished, on_progress=lambda s, m: messages.append((s, m))
    )
    qtbot.waitUntil(lambda: task.done)
    assert seen["value"] == 42
    assert seen["worker"] != ui_thread
    assert seen["callback"] == ui_thread
    assert messages == [("step", "waiting for SSH, 5 s")]
    # The note crossed the thread as a sentence, so the page can still translate it.
    assert isinstance(messages[0][1], Sentence)
    assert messages[0][1].template == "waiting for SSH, {seconds} s"
    assert not runner.busy


def test_a_wizard_error_is_passed_on_as_it_is(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[WizardError] = []

    def work(progress: Progress, cancel: CancelToken) -> None:
        raise WizardError("The key is wrong.", detail="AuthFailure", code="bad-credentials")

    task = runner.start("fail", work, on_failed=errors.append)
    qtbot.waitUntil(lambda: task.done)
    assert [(e.message, e.code) for e in errors] == [("The key is wrong.", "bad-credentials")]


def test_a_bug_becomes_a_sentence_with_the_traceback_in_detail(
    qtbot: QtBot, runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    errors: list[WizardError] = []

    def work(progress: Progress, cancel: CancelToken) -> None:
        raise KeyError("InstanceTypes")

    task = runner.start("bug", work, on_failed=errors.append)
    qtbot.waitUntil(lambda: task.done)
    assert errors[0].code == "bug"
    assert "KeyError" in errors[0].message
    assert "Traceback" not in errors[0].message
    assert "Traceback" in errors[0].detail


def test_cancel_stops_a_waiting_call(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[WizardError] = []
    started = threading.Event()

    def work(progress: Progress, cancel: CancelToken) -> None:
        started.set()
        cancel.wait(30)

    task = runner.start("slow", work, on_failed=errors.append)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: task.done, timeout=3000)
    assert isinstance(errors[0], Cancelled)


def test_events_from_the_worker_arrive_in_order(qtbot: QtBot, runner: TaskRunner) -> None:
    task = Task("events")
    events: list[object] = []

    def work(progress: Progress, cancel: CancelToken) -> None:
        for number in range(5):
            task.emit_event(number)

    runner.start("events", work, on_event=events.append, task=task)
    qtbot.waitUntil(lambda: task.done)
    assert events == [0, 1, 2, 3, 4]
