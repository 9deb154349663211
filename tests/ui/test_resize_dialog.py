"""My instances: "Change GPU type…" and the choices when AWS has no capacity to start a machine,
against the emulator (its realism layer refuses what AWS refuses).

``EC2NB_SCREENSHOTS=1`` saves docs/screenshots/13-change-gpu.png and 14-no-capacity.png.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.aws.tags import launch_tags
from app.demo.realism_capacity import Capacity
from app.demo.realism_resize import ResizeRules
from app.ui import i18n
from app.ui.resize_dialog import FIT_COLUMN
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click
from tests.ui.screen_checks import assert_chinese, clipped_texts
from tests.ui.test_instances_page import _open_instances, _row_of

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
REGION, ZONE = "us-east-1", "us-east-1f"  # us-east-1f offers g5, not g6e


def _machine(aws: Any, *, stopped: bool = True) -> str:
    """A g4dn.xlarge the wizard launched from the demo's DLAMI in ZONE."""
    ec2 = boto3.client("ec2", region_name=REGION)
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    answer = ec2.run_instances(
        ImageId=image,
        InstanceType="g4dn.xlarge",
        MinCount=1,
        MaxCount=1,
        Placement={"AvailabilityZone": ZONE},
        TagSpecifications=[
            {"ResourceType": "instance", "Tags": launch_tags("20260101-0000-cccccc")}
        ],
    )
    instance_id = str(answer["Instances"][0]["InstanceId"])
    if stopped:
        ec2.stop_instances(InstanceIds=[instance_id])
    return instance_id


def _truth(instance_id: str) -> tuple[str, str]:
    ec2 = boto3.client("ec2", region_name=REGION)
    raw = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]
    return raw["InstanceType"], raw["State"]["Name"]


def _page_with(qtbot: QtBot, make_wizard: WizardFactory, instance_id: str) -> Any:
    page = _open_instances(qtbot, make_wizard())
    qtbot.waitUntil(
        lambda: any(i.instance_id == instance_id for i in page.instances), timeout=30_000
    )
    page.table.selectRow(_row_of(page, instance_id))
    return page


def _cell(dialog: Any, instance_type: str, column: int) -> str:
    row = dialog.model.row_of(instance_type)
    return str(dialog.model.data(dialog.model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_change_gpu_type_lists_prices_and_fit_then_changes_and_starts(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    instance_id = _machine(world)
    page = _page_with(qtbot, make_wizard, instance_id)
    assert page.resize_button.isEnabled()
    click(qtbot, page.resize_button)
    dialog = page.resize_dialog
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30_000)
    assert "g4dn.xlarge in us-east-1f" in dialog.summary.text()
    assert not dialog.stop_button.isVisible()
    # Why the types that cannot run here cannot.
    assert _cell(dialog, "g6e.xlarge", FIT_COLUMN) == "Not offered in us-east-1f"
    assert _cell(dialog, "g5g.xlarge", FIT_COLUMN) == "Runs arm64 programs, not x86_64"
    assert _cell(dialog, "g4dn.xlarge", FIT_COLUMN) == "Its type now"
    assert _cell(dialog, "g5.xlarge", FIT_COLUMN) == "Yes"
    assert _cell(dialog, "g5.xlarge", 9) == "Enough"  # the quota verdict
    dialog.select("g6e.xlarge")
    assert not dialog.change_button.isEnabled()
    dialog.select("g5.xlarge")
    assert dialog.change_button.isEnabled()
    old = dialog.choices.current_price
    new = dialog.model.options["g5.xlarge"].price
    assert f"g4dn.xlarge (${old:.3f}/h) → g5.xlarge (${new:.3f}/h)" in dialog.detail.text()
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "13-change-gpu.png"))

    click(qtbot, dialog.change_button)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "done", dialog.error_panel.message.text()
    assert _truth(instance_id) == ("g5.xlarge", "running")
    qtbot.waitUntil(
        lambda: any(
            i.instance_id == instance_id and i.instance_type == "g5.xlarge" for i in page.instances
        ),
        timeout=30_000,
    )


def test_a_running_machine_is_stopped_first_when_asked(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    instance_id = _machine(world, stopped=False)
    page = _page_with(qtbot, make_wizard, instance_id)
    dialog = page.ask_resize()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30_000)
    assert dialog.stop_note.isVisible()
    dialog.select("g5.xlarge")
    assert not dialog.change_button.isEnabled()  # AWS would refuse: IncorrectInstanceState
    click(qtbot, dialog.stop_button)
    qtbot.waitUntil(lambda: dialog.instance.state == "stopped", timeout=30_000)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.choices is not None, timeout=30_000)
    assert not dialog.stop_note.isVisible()
    dialog.select("g5.xlarge")
    assert dialog.change_button.isEnabled()
    assert _truth(instance_id) == ("g4dn.xlarge", "stopped")


def test_no_capacity_to_start_offers_waiting_and_another_type(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    instance_id = _machine(world)
    shortage = world.behaviour(Capacity).no_capacity(ZONE, "g4dn.xlarge")
    page = _page_with(qtbot, make_wizard, instance_id)
    click(qtbot, page.start_button)
    qtbot.waitUntil(
        lambda: page.capacity_dialog is not None and page.capacity_dialog.isVisible(),
        timeout=30_000,
    )
    dialog = page.capacity_dialog
    assert "no free g4dn.xlarge machine in us-east-1f" in dialog.message.text()
    assert dialog.move_button.isVisible()  # wired by relocate_action(): test_relocate_dialog
    assert clipped_texts(dialog) == []
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "14-no-capacity.png"))

    # Capacity comes back while the dialog retries.
    threading.Timer(0.5, lambda: world.behaviour(Capacity).shortages.remove(shortage)).start()
    dialog.wait_and_retry(first_delay=0.1)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "started", dialog.error_panel.message.text()
    assert world.behaviour(ResizeRules).starts_refused >= 2  # the click's, and a retry's
    assert _truth(instance_id) == ("g4dn.xlarge", "running")


def test_no_capacity_then_another_type_from_the_same_dialog(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    instance_id = _machine(world)
    world.behaviour(Capacity).no_capacity(ZONE, "g4dn.xlarge")
    page = _page_with(qtbot, make_wizard, instance_id)
    click(qtbot, page.start_button)
    qtbot.waitUntil(
        lambda: page.capacity_dialog is not None and page.capacity_dialog.isVisible(),
        timeout=30_000,
    )
    click(qtbot, page.capacity_dialog.other_button)
    dialog = page.resize_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30_000)
    dialog.select("g5.xlarge")
    click(qtbot, dialog.change_button)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "done", dialog.error_panel.message.text()
    assert _truth(instance_id) == ("g5.xlarge", "running")


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


@pytest.mark.usefixtures("chinese")
def test_both_dialogs_read_in_chinese_and_nothing_is_cut(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory
) -> None:
    instance_id = _machine(world)
    world.behaviour(Capacity).no_capacity(ZONE, "g4dn.xlarge")
    page = _page_with(qtbot, make_wizard, instance_id)
    assert page.resize_button.text() == "更换 GPU 类型…"
    click(qtbot, page.start_button)
    qtbot.waitUntil(
        lambda: page.capacity_dialog is not None and page.capacity_dialog.isVisible(),
        timeout=30_000,
    )
    capacity = page.capacity_dialog
    assert_chinese(capacity.message.text(), [instance_id, "g4dn.xlarge", ZONE])
    assert clipped_texts(capacity) == []
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert capacity.grab().save(str(SCREENSHOTS / "zh_CN" / "14-no-capacity.png"))

    click(qtbot, capacity.other_button)
    dialog = page.resize_dialog
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=30_000)
    assert _cell(dialog, "g6e.xlarge", FIT_COLUMN) == "us-east-1f 不提供"
    dialog.select("g5.xlarge")
    assert "→ g5.xlarge" in dialog.detail.text()
    assert "小时" in dialog.detail.text()
    # The layout makes room for the new line on its next pass; a cut that lasts fails here.
    qtbot.waitUntil(lambda: clipped_texts(dialog) == [], timeout=5_000)
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "zh_CN" / "13-change-gpu.png"))


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.CHINESE])
def test_my_instances_still_fits_1024_px_with_the_new_button(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory, language: str
) -> None:
    i18n.install_language(language)
    try:
        instance_id = _machine(world)
        page = _page_with(qtbot, make_wizard, instance_id)
        wizard = page.wizard()
        assert (wizard.width(), wizard.height()) == (1024, 700)
        assert page.resize_button.isVisible()
        assert clipped_texts(wizard) == []
    finally:
        i18n.install_language(i18n.ENGLISH)
