"""The spot guard in the wizard: AWS's notice on the Done page (banner and desktop notification)
through the tunnel's connection, in the tray, and a machine AWS took back in My instances."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from app.core.launch import LaunchOverrides
from app.core.remote.spot_watch import SpotNotice
from app.demo.metadata_server import FakeMetadataServer
from app.demo.realism_spot_interrupt import SpotInterruption
from tests.integration.launch.stand_in import StandIn
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, click_next, wait_for_page
from tests.ui.test_instances_page import _managed_instance, _open_instances, _row_of

LAUNCH_MS = 120_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def imds() -> Iterator[FakeMetadataServer]:
    with FakeMetadataServer() as server:
        yield server


@pytest.mark.slow
def test_the_done_page_shows_aws_taking_the_spot_machine_back(
    qtbot: QtBot,
    stand_in: StandIn,
    aws_profile: str,
    make_wizard: WizardFactory,
    imds: FakeMetadataServer,
    tmp_path: Path,
) -> None:
    from app.demo.services import emulate_missing_services

    emulate_missing_services(stand_in.aws)
    overrides = dataclasses.replace(
        LaunchOverrides.from_env(), metadata_url=imds.url, spot_poll_seconds=0.3
    )
    wizard = make_wizard(launch_overrides=overrides)
    gpu = advance_to(qtbot, wizard, PageId.GPU)
    qtbot.waitUntil(lambda: gpu.model.rowCount() > 0, timeout=30_000)
    click(qtbot, gpu.spot)
    advance_to(qtbot, wizard, PageId.REVIEW)
    click_next(qtbot, wizard)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    told: list[tuple[str, str]] = []
    done.notify = lambda title, text: told.append((title, text))  # no tray offscreen
    qtbot.waitUntil(lambda: bool(imds.statuses("/latest/meta-data/spot/instance-action")))
    assert not done.spot_banner.isVisible()  # polled, nothing to say

    notice = stand_in.aws.behaviour(SpotInterruption).announce(imds)
    qtbot.waitUntil(done.spot_banner.isVisible, timeout=30_000)
    at = dt.datetime.fromisoformat(notice["time"].replace("Z", "+00:00"))
    text = (
        f"AWS is taking this spot machine back at {at.astimezone().strftime('%H:%M')}: "
        "save your notebooks now."
    )
    assert done.spot_banner.text() == text
    assert told == [("Your spot machine", text)]
    folder = SCREENSHOTS if os.environ.get("EC2NB_SCREENSHOTS") == "1" else tmp_path
    assert wizard.grab().save(str(folder / "10b-done-spot-notice.png"))


def test_the_tray_says_it_when_the_window_is_closed(
    qtbot: QtBot, settings: QSettings, make_wizard: WizardFactory
) -> None:
    from app.core.launch.result import LaunchResult
    from app.ui.tray import NotebookTray

    wizard = make_wizard()
    done = wizard.page_of(PageId.DONE)
    wizard.ctx.launch_result = LaunchResult(
        "20260101-0000-aaaaa3", "i-0123456789abcdef0", "us-east-1", None, "ssh x", "putty x",
        None, None, market="spot",
    )  # fmt: skip
    wizard.tray = NotebookTray(wizard, done)  # the window went to the tray
    told: list[tuple[str, str]] = []
    wizard.tray.notify = lambda title, text: told.append((title, text))
    done.show_spot_notice(SpotNotice("rebalance", dt.datetime.now(dt.UTC)))
    mild = "AWS may take this spot machine back soon: save your notebooks now."
    assert told == [("Your spot machine", mild)]
    assert wizard.tray.toolTip() == mild
    assert done.spot_banner.text() == mild
    wizard.tray = None
    wizard.ctx.launch_result = None


def test_my_instances_says_aws_took_the_spot_machine_back(
    qtbot: QtBot, aws: Any, aws_profile: str, make_wizard: WizardFactory
) -> None:
    spot = _managed_instance(aws, "us-east-1", "20260101-0000-dddddd", spot=True)
    aws.behaviour(SpotInterruption).take_back("us-east-1", spot)
    gone = _managed_instance(aws, "us-east-1", "20260101-0000-eeeeee", spot=True)
    import boto3

    boto3.client("ec2", region_name="us-east-1").terminate_instances(InstanceIds=[gone])
    wizard = make_wizard()
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: len(page.instances) == 1, timeout=30_000)  # not the user's own
    row = _row_of(page, spot)
    assert page.table.item(row, 1).text() == "taken back by AWS"
    assert page.taken_back_label.isVisible()
    assert page.taken_back_label.text().startswith(
        f"{spot}: AWS took this spot machine back (g4dn.xlarge); you did not stop or terminate it."
    )
    assert "Launch again… starts a new one like it" in page.table.item(row, 1).toolTip()
    wizard.back()


def test_the_notice_is_shown_in_chinese(
    qtbot: QtBot, settings: QSettings, make_wizard: WizardFactory
) -> None:
    from app.ui import i18n
    from tests.ui.screen_checks import assert_chinese

    i18n.install_language(i18n.CHINESE)
    try:
        wizard = make_wizard()
        done = wizard.page_of(PageId.DONE)
        told: list[tuple[str, str]] = []
        done.notify = lambda title, text: told.append((title, text))
        at = dt.datetime(2026, 12, 1, 18, 22, tzinfo=dt.UTC)
        done.show_spot_notice(SpotNotice("interruption", at, "terminate"))
        local = at.astimezone().strftime("%H:%M")
        assert (
            done.spot_banner.text() == f"AWS 将在 {local} 收回这台竞价机器：请立即保存您的笔记本。"
        )
        assert_chinese(told[0][0])
    finally:
        i18n.install_language(i18n.ENGLISH)
