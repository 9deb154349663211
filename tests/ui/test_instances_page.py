"""My instances (and the first page's notice) against instances tagged in the emulator."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.aws.tags import launch_tags
from app.core.flow import PageId
from app.ui.pages.base import FlowPage
from app.ui.pages.welcome import WelcomePage
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click, click_next, wait_for_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _managed_instance(aws: Any, region: str, launch_id: str, *, spot: bool = False) -> str:
    """An instance tagged as one the wizard launched (without the launch itself)."""
    image = aws.seed_dlami(region)
    ec2 = boto3.client("ec2", region_name=region)
    extra: dict[str, Any] = {"InstanceMarketOptions": {"MarketType": "spot"}} if spot else {}
    answer = ec2.run_instances(
        ImageId=image,
        InstanceType="g4dn.xlarge",
        MinCount=1,
        MaxCount=1,
        TagSpecifications=[{"ResourceType": "instance", "Tags": launch_tags(launch_id)}],
        **extra,
    )
    return str(answer["Instances"][0]["InstanceId"])


def _state(region: str, instance_id: str) -> str:
    ec2 = boto3.client("ec2", region_name=region)
    found = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return str(found[0]["Instances"][0]["State"]["Name"])


def _open_instances(qtbot: QtBot, wizard: Any) -> Any:
    click(qtbot, wizard.page_of(PageId.WELCOME).instances_button)
    wait_for_page(qtbot, wizard, PageId.CREDENTIALS)
    click_next(qtbot, wizard)
    return wait_for_page(qtbot, wizard, PageId.INSTANCES)


def _row_of(page: Any, instance_id: str) -> int:
    for row in range(page.table.rowCount()):
        if page.table.item(row, 6).text() == instance_id:
            return row
    raise AssertionError(f"{instance_id} is not listed")


def test_lists_every_region_and_stops_starts_terminates(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory
) -> None:
    east = _managed_instance(aws, "us-east-1", "20260101-0000-aaaaaa")
    west = _managed_instance(aws, "eu-west-1", "20260101-0000-bbbbbb")
    boto3.client("ec2", region_name="us-east-1").run_instances(  # not ours: never listed
        ImageId=aws.seed_dlami("us-east-1"), InstanceType="t3.micro", MinCount=1, MaxCount=1
    )
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: len(page.instances) == 2, timeout=30_000)
    assert {i.instance_id for i in page.instances} == {east, west}
    assert {i.region for i in page.instances} == {"us-east-1", "eu-west-1"}
    assert page._timer.isActive()  # refreshes in the background
    assert not page.stop_button.isEnabled()  # nothing selected yet

    page.table.selectRow(_row_of(page, east))
    assert not page.open_button.isEnabled()  # no launch record on this computer
    assert page.stop_button.isEnabled()
    assert not page.start_button.isEnabled()
    click(qtbot, page.stop_button)
    qtbot.waitUntil(lambda: _state("us-east-1", east) == "stopped", timeout=30_000)
    qtbot.waitUntil(lambda: page.selected().state == "stopped", timeout=30_000)
    assert page.start_button.isEnabled()
    click(qtbot, page.start_button)
    qtbot.waitUntil(lambda: page.selected().state == "running", timeout=30_000)

    click(qtbot, page.terminate_button)
    qtbot.waitUntil(lambda: page.terminate_box.isVisible(), timeout=5_000)
    terminate = next(b for b in page.terminate_box.buttons() if "Terminate" in b.text())
    click(qtbot, terminate)
    qtbot.waitUntil(lambda: [i.instance_id for i in page.instances] == [west], timeout=60_000)
    assert _state("us-east-1", east) == "terminated"

    wizard.back()
    assert not page._timer.isActive()


def test_a_one_time_spot_instance_offers_terminate_not_stop(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory
) -> None:
    spot = _managed_instance(aws, "us-east-1", "20260101-0000-cccccc", spot=True)
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: len(page.instances) == 1, timeout=30_000)
    page.table.selectRow(_row_of(page, spot))
    assert page.selected().state == "running"
    assert not page.stop_button.isEnabled()  # AWS would refuse: UnsupportedOperation
    assert "cannot be stopped" in page.stop_button.toolTip()
    assert page.terminate_button.isEnabled()
    wizard.back()


def test_first_page_warns_about_a_machine_still_running(
    qtbot: QtBot,
    aws: Any,
    aws_profile: str,
    make_wizard: WizardFactory,
    settings: QSettings,
) -> None:
    settings.setValue("credentials/profile", aws_profile)
    settings.setValue("fleet/regions", "us-east-1")
    _managed_instance(aws, "us-east-1", "20260101-0000-cccccc")
    wizard = make_wizard()
    welcome = wizard.page_of(PageId.WELCOME)
    qtbot.waitUntil(welcome.running_notice.isVisible, timeout=30_000)
    assert "g4dn.xlarge" in welcome.running_notice.text()
    assert "still running" in welcome.running_notice.text()


def test_first_page_stays_quiet_when_nothing_runs(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory, settings: QSettings
) -> None:
    settings.setValue("credentials/profile", aws_profile)
    settings.setValue("fleet/regions", "us-east-1")
    wizard = make_wizard()
    welcome = wizard.page_of(PageId.WELCOME)
    qtbot.waitUntil(lambda: welcome.running_checked, timeout=30_000)  # it did look
    assert welcome.running == []
    assert not welcome.running_notice.isVisible()
    assert not welcome.error_panel.isVisible()


def test_first_page_looks_for_running_machines_only_after_its_first_paint(
    qtbot: QtBot,
    aws: Any,
    aws_profile: str,
    make_wizard: WizardFactory,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The look loads boto3: started before the first paint, it delays the window."""
    settings.setValue("credentials/profile", aws_profile)
    settings.setValue("fleet/regions", "us-east-1")
    order: list[str] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, WelcomePage):
                order.append("paint")
            return False

    def run_task(page: WelcomePage, name: str, *args: Any, **kwargs: Any) -> Any:
        order.append(name)
        return FlowPage.run_task(page, name, *args, **kwargs)

    monkeypatch.setattr(WelcomePage, "run_task", run_task)
    spy = PaintSpy()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(spy)
    try:
        welcome = make_wizard().page_of(PageId.WELCOME)
        qtbot.waitUntil(lambda: welcome.running_checked, timeout=30_000)
    finally:
        app.removeEventFilter(spy)
    assert order.count("running-instances") == 1
    assert order.index("paint") < order.index("running-instances")


def test_a_damaged_launch_record_is_named_and_the_others_still_listed(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory
) -> None:
    from app.core.launch.journal import LaunchJournal, journal_dir
    from app.core.plan import LaunchPlan

    good = "20260101-0000-cccccc"
    instance = _managed_instance(aws, "us-east-1", good)
    journal = LaunchJournal(good, LaunchPlan().to_dict(), "us-east-1")
    journal.resources.instance_id = instance
    journal.save()
    damaged = journal.to_dict() | {"launch_id": "20260101-0000-dddddd", "resources": None}
    (journal_dir() / "20260101-0000-dddddd.json").write_text(json.dumps(damaged))

    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: len(page.instances) == 1, timeout=30_000)
    assert page.local_launches == {good}  # still openable here
    assert not page.damaged.isHidden()
    assert "20260101-0000-dddddd" in page.damaged.text()
    assert "damaged" in page.damaged.text()


@pytest.mark.parametrize("answer", ["keepWorkDisk", "deleteEverything"])
def test_terminate_says_what_becomes_of_the_work_disk_and_kept_disks_are_shown(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory, answer: str
) -> None:
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from app.core.aws.session import Credentials, make_session
    from app.core.aws.work_disks import attach_work_disk, create_work_disk, list_work_disks

    region = "us-east-1"
    session = make_session(Credentials(), region)
    instance = _managed_instance(aws, region, "20260101-0000-cccccc")
    zone = boto3.client("ec2", region_name=region).describe_instances(InstanceIds=[instance])[
        "Reservations"
    ][0]["Instances"][0]["Placement"]["AvailabilityZone"]
    disk = create_work_disk(session, region, zone, "thesis", 50, poll_seconds=0.05)
    attach_work_disk(session, region, disk.volume_id, instance, poll_seconds=0.05)
    create_work_disk(session, region, zone, "old-data", 10, poll_seconds=0.05)  # kept, unused
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(
        lambda: len(page.instances) == 1 and page.kept_disks.isVisible(), timeout=30_000
    )
    # The kept disk (not the attached one) with its monthly cost.
    assert "old-data: 10 GiB in" in page.kept_disks.text()
    assert "$0.80 per month" in page.kept_disks.text()
    assert "thesis" not in page.kept_disks.text()
    page.table.selectRow(_row_of(page, instance))
    click(qtbot, page.terminate_button)
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "terminateDialog") is not None)
    box = page.findChild(QMessageBox, "terminateDialog")
    assert box.findChild(QPushButton, "keepWorkDisk").text() == "Keep my work disk ($4.00/month)"
    assert "Notebooks saved on it are lost" not in box.text()
    click(qtbot, box.findChild(QPushButton, answer))
    qtbot.waitUntil(lambda: _state(region, instance) == "terminated", timeout=30_000)
    names = lambda: sorted(d.name for d in list_work_disks(session, region))  # noqa: E731
    if answer == "keepWorkDisk":
        qtbot.waitUntil(lambda: "thesis" in page.kept_disks.text(), timeout=30_000)
        assert names() == ["old-data", "thesis"]
    else:
        qtbot.waitUntil(lambda: names() == ["old-data"], timeout=30_000)
