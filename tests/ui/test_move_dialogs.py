"""Moving in the wizard (issue 14): "Move it here…" on the storage page for a kept disk that is
elsewhere (cost first, percent, Cancel that resumes, the moved disk chosen), and "Move…" for a
kept disk on My instances."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from pytestqt.qtbot import QtBot

from app.core.aws.session import Credentials, make_session
from app.core.aws.work_disks import create_work_disk
from app.core.flow import PageId
from app.ui import i18n
from tests.support.aws_emulator import needs_realism
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click
from tests.ui.screen_checks import assert_chinese, clipped_texts
from tests.ui.test_instances_page import _open_instances

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def wizard(qtbot: QtBot, world: Any, make_wizard: WizardFactory, monkeypatch: Any) -> Any:
    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")
    return make_wizard()


def _far_disk() -> Any:
    """A kept 20 GiB disk in eu-west-1: the launch is in us-east-1."""
    far = make_session(Credentials(), "eu-west-1")
    return create_work_disk(far, "eu-west-1", "eu-west-1a", "old-project", 20, poll_seconds=0.05)


def _volumes(region: str) -> list[dict[str, Any]]:
    found = boto3.client("ec2", region_name=region).describe_volumes()["Volumes"]
    return [v for v in found if v["State"] != "deleted"]


def _open_move(qtbot: QtBot, wizard: Any) -> tuple[Any, Any]:
    page = advance_to(qtbot, wizard, PageId.STORAGE)
    qtbot.waitUntil(lambda: page.work_disk.move_button.isVisible(), timeout=20_000)
    [action] = page.work_disk.move_menu.actions()
    assert action.text() == "Move old-project (eu-west-1a) here…"
    action.trigger()
    dialog = page.move_dialog
    qtbot.waitUntil(lambda: dialog.move_button.isEnabled(), timeout=20_000)
    return page, dialog


@needs_realism
def test_move_it_here_says_the_cost_moves_with_percent_and_chooses_the_disk(
    qtbot: QtBot, wizard: Any
) -> None:
    _far_disk()
    page, dialog = _open_move(qtbot, wizard)
    # Only zones of the launch's region that offer the chosen GPU type.
    offered = sorted(wizard.ctx.gpu.zones)
    shown = [dialog.where.itemText(i) for i in range(dialog.where.count())]
    assert shown == offered
    # The cost first: 20 GB x $0.02 across regions, two snapshots for a day, the new price.
    assert dialog.cost.text() == (
        "Moving 20 GiB to us-east-1 costs about $0.47: $0.40 to copy it between regions "
        "($0.02/GB) and $0.07 for the temporary snapshots for a day ($0.05/GB-month). The disk "
        "then costs $1.60 a month there."
    )
    assert _volumes(REGION) == []  # nothing moved before the user says so
    assert not dialog.cancel_button.isVisible()
    assert clipped_texts(dialog) == []
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "05c-move-disk-here.png"))
    dialog.choose(offered[-1])
    seen: list[str] = []
    click(qtbot, dialog.move_button)
    dialog.task.signals.progress.connect(lambda _step, message: seen.append(str(message)))
    assert dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: dialog.outcome == "moved", timeout=120_000)
    assert any(s.startswith("Snapshot") and s.endswith("%") for s in seen), seen
    assert dialog.bar.value() == 100
    # The moved disk is in the chosen zone, the old one is gone, and it is the launch's choice.
    [moved] = _volumes(REGION)
    assert moved["AvailabilityZone"] == offered[-1]
    assert _volumes("eu-west-1") == []
    assert page.work_disk.choice() == "old-project"
    assert wizard.ctx.plan.work_disk == "old-project"
    assert not page.work_disk.move_button.isVisible()
    assert offered[-1] in page.work_disk.note.text()


@needs_realism
def test_a_cancelled_move_says_it_continues_and_does_next_time(qtbot: QtBot, wizard: Any) -> None:
    old = _far_disk().volume_id
    _page, dialog = _open_move(qtbot, wizard)
    click(qtbot, dialog.move_button)
    qtbot.waitUntil(lambda: "Snapshot" in dialog.status.text(), timeout=60_000)
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: dialog.outcome == "cancelled", timeout=60_000)
    assert "continues from there, without copying twice" in dialog.status.text()
    assert dialog.move_button.isEnabled()
    assert [v["VolumeId"] for v in _volumes("eu-west-1")] == [old]  # the disk is still there
    click(qtbot, dialog.move_button)  # again: the snapshot already made is used
    qtbot.waitUntil(lambda: dialog.outcome == "moved", timeout=120_000)
    assert dialog.result.resumed
    assert len(_volumes(REGION)) == 1


@needs_realism
def test_my_instances_moves_a_kept_disk_to_another_region(qtbot: QtBot, wizard: Any) -> None:
    here = make_session(Credentials(), REGION)
    old = create_work_disk(here, REGION, f"{REGION}a", "thesis", 50, poll_seconds=0.05)
    page = _open_instances(qtbot, wizard)
    qtbot.waitUntil(lambda: page.move_disk_button.isVisible(), timeout=30_000)
    [action] = page.move_disk_menu.actions()
    assert action.text() == "Move thesis (us-east-1a)…"
    action.trigger()
    dialog = page.move_dialog
    qtbot.waitUntil(lambda: dialog.move_button.isEnabled(), timeout=30_000)
    shown = [dialog.where.itemText(i) for i in range(dialog.where.count())]
    # The other zones of its region first, then the other regions.
    assert "us-east-1a" not in shown
    assert shown[0] == "us-east-1b"
    assert "eu-west-1 (any zone)" in shown
    dialog.choose("eu-west-1")
    qtbot.waitUntil(lambda: "to eu-west-1" in dialog.cost.text(), timeout=30_000)
    assert dialog.cost.text().startswith(
        "Moving 50 GiB to eu-west-1 costs about $1.16: $1.00 to copy it between regions"
    )
    assert "The disk then costs $4.40 a month there." in dialog.cost.text()
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "12b-move-kept-disk.png"))
    qtbot.waitUntil(lambda: dialog.move_button.isEnabled(), timeout=30_000)
    click(qtbot, dialog.move_button)
    qtbot.waitUntil(lambda: dialog.outcome == "moved", timeout=120_000)
    assert [v["VolumeId"] for v in _volumes(REGION)] == []
    assert old.volume_id not in [v["VolumeId"] for v in _volumes("eu-west-1")]
    [moved] = _volumes("eu-west-1")
    assert moved["Encrypted"]
    qtbot.waitUntil(lambda: "eu-west-1" in page.kept_disks.text(), timeout=30_000)


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


@pytest.mark.usefixtures("chinese")
def test_the_move_dialog_reads_in_chinese_and_nothing_is_cut(qtbot: QtBot, wizard: Any) -> None:
    _far_disk()
    page = advance_to(qtbot, wizard, PageId.STORAGE)
    qtbot.waitUntil(lambda: page.work_disk.move_button.isVisible(), timeout=20_000)
    names = ["old-project", "eu-west-1a", "us-east-1", "GiB", "GB"]
    assert_chinese(page.work_disk.move_button.text())
    [action] = page.work_disk.move_menu.actions()
    assert_chinese(action.text(), names)
    action.trigger()
    dialog = page.move_dialog
    qtbot.waitUntil(lambda: dialog.move_button.isEnabled(), timeout=20_000)
    for text in (dialog.windowTitle(), dialog.intro.text(), dialog.cost.text()):
        assert_chinese(text, names)
    assert_chinese(dialog.move_button.text())
    assert clipped_texts(dialog) == []
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "zh_CN" / "05c-move-disk-here.png"))
    dialog.reject()
