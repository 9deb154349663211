"""My instances, "Launch again…" on a spot machine AWS took back: the market choice with both
prices, then straight to the progress page, and the new machine mounts the same work disk.

``EC2NB_SCREENSHOTS=1`` saves the dialog to docs/screenshots/15-launch-again.png."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.flow import Mode, PageId
from app.core.launch import LaunchJob
from app.core.plan import LaunchPlan, Market
from app.demo.realism_spot_interrupt import SpotInterruption
from app.ui import i18n
from app.ui.relaunch_dialog import RelaunchDialog
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click, wait_for_page
from tests.ui.screen_checks import assert_chinese
from tests.ui.test_instances_page import _open_instances, _row_of

LAUNCH_MS = 120_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.skipif(os.geteuid() != 0, reason="the work disk is a loop mount as root"),
]


@pytest.fixture
def launch_world(stand_in: StandIn, aws_profile: str) -> StandIn:
    from app.demo.services import emulate_missing_services

    emulate_missing_services(stand_in.aws)
    return stand_in


def test_launch_again_on_demand_reaches_a_notebook_on_the_same_work_disk(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    first = LaunchJob(
        LaunchPlan(
            region=REGION,
            instance_type="g4dn.xlarge",
            volume_gib=40,
            market=Market.SPOT,
            trusted_host_key=launch_world.host_fingerprint,
            idle_stop_minutes=None,
            work_disk="new:1",
        )
    )
    result = first.run()
    assert result.tunnel is not None
    assert result.work_disk is not None
    result.tunnel.close()
    work = launch_world.remote_home / first.launch_id / "work"
    (work / "results.txt").write_text("epoch 41\n")
    launch_world.aws.behaviour(SpotInterruption).take_back(REGION, result.instance_id)

    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: bool(page.instances), timeout=30_000)
    page.table.selectRow(_row_of(page, result.instance_id))
    assert page.relaunch_button.isEnabled()
    click(qtbot, page.relaunch_button)
    dialog = page.relaunch_dialog
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.waitUntil(dialog.launch_button.isEnabled, timeout=30_000)
    disk = result.work_disk.name
    assert f"with its work disk {disk} at ~/work" in dialog.summary.text()
    assert dialog.on_demand.isChecked()  # after an interruption, the safe choice first
    assert dialog.on_demand.text().startswith("On-demand, $")
    assert dialog.spot.text().startswith("Spot, $")
    assert "per hour" in dialog.spot.text()
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "15-launch-again.png"))

    _in_chinese(qtbot, page, page.selected(), disk)

    click(qtbot, dialog.launch_button)
    assert wizard.ctx.state.mode is Mode.RELAUNCH
    assert (wizard.ctx.plan.market, wizard.ctx.plan.work_disk) == (Market.ON_DEMAND, disk)
    wait_for_page(qtbot, wizard, PageId.PROGRESS)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    again = done.result
    assert again.instance_id != result.instance_id
    assert again.market == "on-demand"
    assert again.work_disk.volume_id == result.work_disk.volume_id
    assert (launch_world.remote_home / again.launch_id / "work" / "results.txt").read_text() == (
        "epoch 41\n"
    )


def _in_chinese(qtbot: QtBot, page: Any, instance: Any, disk: str) -> None:
    """The same dialog in Chinese (saved to docs/screenshots/zh_CN with EC2NB_SCREENSHOTS=1)."""
    i18n.install_language(i18n.CHINESE)
    try:
        zh = RelaunchDialog(page, page.ctx.runner, page.ctx.session, instance, lambda _p: None)
        zh.show()
        qtbot.waitUntil(zh.launch_button.isEnabled, timeout=30_000)
        values = [instance.instance_type, instance.region, instance.instance_id, disk, "~/work"]
        assert_chinese(zh.summary.text(), values)
        assert_chinese(zh.on_demand.text(), ["$"])
        assert_chinese(zh.spot.text(), ["$"])
        if os.environ.get("EC2NB_SCREENSHOTS") == "1":
            assert zh.grab().save(str(SCREENSHOTS / "zh_CN" / "15-launch-again.png"))
        zh.reject()
    finally:
        i18n.install_language(i18n.ENGLISH)
