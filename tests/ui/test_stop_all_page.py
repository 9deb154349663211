"""My instances' money side against the emulator: "Stop everything" across regions with one
confirmation (one-time spot listed apart, terminated only when ticked), the long-running
reminder (marker, line, a notification once), and what stopped machines cost per month."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click
from tests.ui.test_instances_page import _managed_instance, _open_instances, _row_of, _state

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _quiet(qtbot: QtBot, page: Any) -> None:
    """Wait for the page's calls (stop all, its refresh) to end before leaving it."""
    qtbot.waitUntil(
        lambda: not page.task_running("stop-all") and not page.task_running("list"),
        timeout=30_000,
    )


def test_stop_everything_lists_each_machine_then_stops_every_region(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory
) -> None:
    east = _managed_instance(aws, "us-east-1", "20260101-0000-aaaaa1")
    west = _managed_instance(aws, "eu-west-1", "20260101-0000-bbbbb1")
    spot = _managed_instance(aws, "us-east-1", "20260101-0000-ccccc1", spot=True)
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: len(page.instances) == 3, timeout=30_000)
    assert page.stop_all_button.isEnabled()
    click(qtbot, page.stop_all_button)
    box = page.stop_all_box
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    listed = box.stop_list.text()
    assert east in listed
    assert west in listed
    assert spot not in listed
    assert "$0.526/h" in listed  # g4dn.xlarge in us-east-1, the bundled table
    assert "Stop these 2 machines" in box.summary.text()
    assert box.spot_box.isVisibleTo(box)
    assert spot in box.spot_list.text()
    assert not box.spot_box.isChecked()  # terminating is never the default
    click(qtbot, box.confirm)
    qtbot.waitUntil(
        lambda: {_state("us-east-1", east), _state("eu-west-1", west)} <= {"stopping", "stopped"},
        timeout=30_000,
    )
    assert _state("us-east-1", spot) == "running"
    # Stopped machines show what their disks cost per month while kept.
    qtbot.waitUntil(
        lambda: all(i.state != "running" for i in page.instances if i.instance_id != spot),
        timeout=30_000,
    )
    page.refresh()
    qtbot.waitUntil(lambda: any(i.state == "stopped" for i in page.instances), timeout=30_000)
    stopped = next(i for i in page.instances if i.state == "stopped")
    assert page.table.item(_row_of(page, stopped.instance_id), 7).text() == (
        f"${stopped.storage_monthly:.2f}"
    )
    assert "per month while kept" in page.kept_total.text()
    _quiet(qtbot, page)
    wizard.back()


def test_stop_everything_terminates_one_time_spot_only_when_ticked(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory
) -> None:
    spot = _managed_instance(aws, "us-east-1", "20260101-0000-ddddd1", spot=True)
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: len(page.instances) == 1, timeout=30_000)
    click(qtbot, page.stop_all_button)
    qtbot.waitUntil(page.stop_all_box.isVisible, timeout=5_000)
    assert "No machine that can be stopped" in page.stop_all_box.summary.text()
    page.stop_all_box.spot_box.setChecked(True)
    click(qtbot, page.stop_all_box.confirm)
    qtbot.waitUntil(
        lambda: _state("us-east-1", spot) in {"shutting-down", "terminated"}, timeout=30_000
    )
    _quiet(qtbot, page)
    wizard.back()


def test_a_machine_running_too_long_is_marked_and_notified_once(
    qtbot: QtBot, aws: Any, aws_profile: str, settings: QSettings, make_wizard: WizardFactory
) -> None:
    machine = _managed_instance(aws, "us-east-1", "20260101-0000-eeeee1")
    settings.setValue("fleet/remind_hours", 0.0005)  # 1.8 s: the machine soon passes it
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    told: list[tuple[str, str]] = []
    page.reminders.notify = lambda title, text: told.append((title, text))

    def reminded() -> bool:
        if not page.task_running("list"):
            page.refresh()
        return page.reminder_label.isVisibleTo(page)

    qtbot.waitUntil(reminded, timeout=30_000)
    assert "ec2nb stop 20260101-0000-eeeee1" in page.reminder_label.text()
    row = _row_of(page, machine)
    assert not page.table.item(row, 4).icon().isNull()
    assert "long time" in page.table.item(row, 4).toolTip()
    assert page.reminders.lines(page.instances, 0.0005)  # the next refresh's reminders
    assert len(told) == 1  # once per machine and start, not at every refresh
    assert "has been running for" in told[0][1]
    _quiet(qtbot, page)
    wizard.back()


def test_no_reminder_for_a_machine_just_started(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory
) -> None:
    _managed_instance(aws, "us-east-1", "20260101-0000-fffff1")
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    told: list[tuple[str, str]] = []
    page.reminders.notify = lambda title, text: told.append((title, text))
    qtbot.waitUntil(lambda: len(page.instances) == 1, timeout=30_000)
    assert not page.reminder_label.isVisibleTo(page)
    assert told == []
    _quiet(qtbot, page)
    wizard.back()


def test_the_reminder_hours_are_a_remembered_setting(
    qtbot: QtBot, aws: Any, aws_profile: str, settings: QSettings, make_wizard: WizardFactory
) -> None:
    machine = _managed_instance(aws, "us-east-1", "20260101-0000-aaaaa2")
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: len(page.instances) == 1, timeout=30_000)
    assert page.remind_hours.value() == 8  # the default
    assert not page.reminder_label.isVisibleTo(page)
    # A machine started hours ago: set its launch time back, as AWS would have it.
    backend = aws.ec2_backend("us-east-1")
    backend.get_instance(machine).launch_time = dt.datetime.now(dt.UTC).replace(
        tzinfo=None
    ) - dt.timedelta(hours=5)
    page.refresh()
    qtbot.waitUntil(lambda: page.instances[0].uptime_seconds >= 5 * 3600, timeout=30_000)
    assert not page.reminder_label.isVisibleTo(page)  # 5 h < 8 h
    page.remind_hours.setValue(4)
    assert page.reminder_label.isVisibleTo(page)
    assert "20260101-0000-aaaaa2 has been running for 5.0 hours" in page.reminder_label.text()
    assert settings.value("fleet/remind_hours") in (4, "4")
    _quiet(qtbot, page)
    wizard.back()


def test_without_a_tray_the_reminder_stays_on_the_page(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    from app.ui.reminders import RunningReminders, tray_notifier

    widget = QWidget()
    qtbot.addWidget(widget)
    assert tray_notifier(widget) is None  # the offscreen platform has no tray
    assert RunningReminders(None).lines([], 8) == []


def test_the_tray_reminds_once_when_the_machine_runs_past_the_hours(
    qtbot: QtBot, settings: QSettings, make_wizard: WizardFactory
) -> None:
    from app.core.flow import PageId
    from app.core.launch.result import LaunchResult
    from app.ui.tray import NotebookTray

    wizard = make_wizard()
    done = wizard.page_of(PageId.DONE)
    wizard.ctx.launch_result = LaunchResult(
        "20260101-0000-aaaaa3", "i-0123456789abcdef0", "us-east-1", None, "ssh x", "putty x",
        None, None,
    )  # fmt: skip
    wizard.ctx.launch_started = 1_000_000.0
    tray = NotebookTray(wizard, done)  # built even where there is no tray to show it in
    told: list[tuple[str, str]] = []
    tray.notify = lambda title, text: told.append((title, text))
    assert not tray.check_running_time(now=1_000_000.0 + 7.9 * 3600)  # under 8 hours
    assert tray.check_running_time(now=1_000_000.0 + 9 * 3600)
    assert told == [
        (
            "Your machine is still running",
            "i-0123456789abcdef0 has been running for 9.0 hours and is billed by the hour. "
            "Stop it from this icon's menu if you are done.",
        )
    ]
    assert not tray.check_running_time(now=1_000_000.0 + 10 * 3600)  # once
    wizard.ctx.launch_result = None
