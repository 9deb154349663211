"""No capacity to start a stopped machine: "Move to another zone or region…" in the capacity
dialog says the cost, moves it (image, work disk), launches the new machine through the progress
page with the same work disk, and offers to terminate the old one once it is ready (issue 14).

``EC2NB_SCREENSHOTS=1`` saves docs/screenshots/14b-move-machine.png.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import boto3
import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from app.demo.realism_capacity import Capacity
from tests.integration.launch.stand_in import StandIn
from tests.support.aws_emulator import needs_realism
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, click_next, wait_for_page
from tests.ui.screen_checks import clipped_texts
from tests.ui.test_instances_page import _open_instances, _row_of

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LAUNCH_MS = 180_000
pytestmark = [
    pytest.mark.slow,
    needs_realism,
    pytest.mark.skipif(os.geteuid() != 0, reason="loop mounts need root (CI is root)"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def launch_world(stand_in: StandIn, aws_profile: str) -> StandIn:
    from app.demo.services import emulate_missing_services

    emulate_missing_services(stand_in.aws)
    return stand_in


def _instance(instance_id: str) -> dict[str, Any]:
    ec2 = boto3.client("ec2", region_name=REGION)
    return ec2.describe_instances(InstanceIds=[instance_id])["Reservations"][0]["Instances"][0]


def test_move_to_another_zone_launches_there_with_the_work_disk(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    first = make_wizard()
    advance_to(qtbot, first, PageId.REVIEW)
    click_next(qtbot, first)
    done = wait_for_page(qtbot, first, PageId.DONE, timeout=LAUNCH_MS)
    old = done.result
    disk = old.work_disk
    assert disk is not None
    old.tunnel.close()
    first.close()
    boto3.client("ec2", region_name=REGION).stop_instances(InstanceIds=[old.instance_id])
    zone = _instance(old.instance_id)["Placement"]["AvailabilityZone"]
    launch_world.aws.behaviour(Capacity).no_capacity(zone, old.instance_type)

    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(
        lambda: any(
            i.instance_id == old.instance_id and i.state == "stopped" for i in page.instances
        ),
        timeout=60_000,
    )
    page.table.selectRow(_row_of(page, old.instance_id))
    click(qtbot, page.start_button)
    qtbot.waitUntil(
        lambda: page.capacity_dialog is not None and page.capacity_dialog.isVisible(),
        timeout=30_000,
    )
    capacity = page.capacity_dialog
    assert capacity.move_button.isVisible()
    click(qtbot, capacity.move_button)
    qtbot.waitUntil(lambda: getattr(page, "relocate_dialog", None) is not None)
    dialog = page.relocate_dialog
    qtbot.waitUntil(lambda: dialog.move_button.isEnabled(), timeout=30_000)
    offered = [dialog.where.itemData(i) for i in range(dialog.where.count())]
    zones = [where.zone for where in offered if where.region == REGION]
    assert zones
    assert zone not in zones
    # Other regions too, after the region's own zones (a zone offering the type is found there).
    assert {"us-west-2", "eu-west-1"} <= {w.region for w in offered if w.zone is None}
    assert offered[: len(zones)] == [w for w in offered if w.region == REGION]
    cost = dialog.cost.text()
    assert "within us-east-1" in cost
    assert "no transfer charge" in cost
    assert "Its disks still cost $" in cost  # the system and the work disk: not "the disk"
    assert "The image of its system disk" in cost
    assert f"The old machine {old.instance_id} stays stopped" in cost
    assert _instance(old.instance_id)["State"]["Name"] == "stopped"  # nothing done yet
    assert clipped_texts(dialog) == []
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "14b-move-machine.png"))
    target = zones[-1]
    dialog.choose(target)
    click(qtbot, dialog.move_button)

    # The move, then the normal launch on the progress page, then Done.
    wait_for_page(qtbot, wizard, PageId.PROGRESS, timeout=LAUNCH_MS)
    new_done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    new = new_done.result
    assert new.instance_id != old.instance_id
    raw = _instance(new.instance_id)
    assert raw["Placement"]["AvailabilityZone"] == target
    assert raw["ImageId"] != _instance(old.instance_id)["ImageId"]  # the moved image
    assert new.work_disk is not None
    assert (new.work_disk.name, new.work_disk.zone) == (disk.name, target)

    # Asked once the new machine is ready: the old one is kept unless the user says so.
    qtbot.waitUntil(
        lambda: (
            (box := wizard.findChild(QMessageBox, "terminateOldMachine")) is not None
            and box.isVisible()
        ),
        timeout=30_000,
    )
    box = wizard.findChild(QMessageBox, "terminateOldMachine")
    assert old.instance_id in box.text()
    assert box.defaultButton() is box.findChild(QPushButton, "keepOld")
    click(qtbot, box.findChild(QPushButton, "terminateOld"))
    qtbot.waitUntil(
        lambda: _instance(old.instance_id)["State"]["Name"] in ("shutting-down", "terminated"),
        timeout=60_000,
    )
    new.tunnel.close()
