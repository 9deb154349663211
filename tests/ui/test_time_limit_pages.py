"""The hard time limit in the wizard: chosen on the review page (with what it means for a
one-time spot machine), installed on the machine by the launch, and its moment on the Done page."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from app.core.launch import LaunchOverrides
from app.ui import i18n
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, click_next, wait_for_page
from tests.ui.screen_checks import assert_chinese, clipped_texts

LAUNCH_MS = 120_000
pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


@pytest.fixture
def launch_world(stand_in: StandIn, aws_profile: str) -> StandIn:
    from app.demo.services import emulate_missing_services

    emulate_missing_services(stand_in.aws)
    return stand_in


def test_a_limit_on_a_spot_machine_says_it_terminates_and_the_done_page_says_when(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    gpu = advance_to(qtbot, wizard, PageId.GPU)
    qtbot.waitUntil(lambda: gpu.model.rowCount() > 0, timeout=30_000)
    click(qtbot, gpu.spot)
    review = advance_to(qtbot, wizard, PageId.REVIEW)
    assert not review.limit.isChecked()  # off by default
    assert wizard.ctx.plan.max_hours is None
    assert not review.limit_hours.isEnabled()
    click(qtbot, review.limit)
    review.limit_hours.setValue(2.5)
    assert wizard.ctx.plan.max_hours == 2.5
    assert review.limit_note.isVisible()
    assert "even with this computer off" in review.limit_note.text()
    assert "at the limit it is terminated" in review.limit_note.text()

    click_next(qtbot, wizard)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    result = done.result
    ec2 = boto3.client("ec2", region_name=REGION)
    instance = ec2.describe_instances(InstanceIds=[result.instance_id])["Reservations"][0][
        "Instances"
    ][0]
    expected = instance["LaunchTime"].timestamp() + 2.5 * 3600
    assert result.limit_stops_at.timestamp() == pytest.approx(expected, abs=1)
    local = result.limit_stops_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert done.limit_note.isVisible()
    assert f"terminates itself at {local} (this computer's time)" in done.limit_note.text()
    # The machine enforces it: the agent was installed with the limit (dry run on a stand-in).
    config = json.loads((Path(result.notebook.state_dir) / "idle.json").read_text())
    assert (config["max_hours"], config["dry_run"]) == (2.5, True)
    assert config["limit_from"] == pytest.approx(instance["LaunchTime"].timestamp(), abs=60)


def test_without_a_limit_the_done_page_says_nothing_of_one(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    advance_to(qtbot, wizard, PageId.REVIEW)
    click_next(qtbot, wizard)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    assert done.result.limit_stops_at is None
    assert not done.limit_note.isVisible()
    config = json.loads((Path(done.result.notebook.state_dir) / "idle.json").read_text())
    assert config["max_hours"] is None


@pytest.mark.usefixtures("chinese")
def test_the_limit_in_chinese_fits_the_review_and_done_pages(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    overrides = dataclasses.replace(LaunchOverrides.from_env(), provision_only=True)
    wizard = make_wizard(launch_overrides=overrides)
    gpu = advance_to(qtbot, wizard, PageId.GPU)
    qtbot.waitUntil(lambda: gpu.model.rowCount() > 0, timeout=30_000)
    click(qtbot, gpu.spot)
    review = advance_to(qtbot, wizard, PageId.REVIEW)
    click(qtbot, review.limit)
    qtbot.waitUntil(review.limit_note.isVisible)
    assert_chinese(review.limit_note.text())
    assert review.limit_hours.suffix() == " 小时"
    # The note's line changes the page's layout, which Qt redoes on its next pass.
    with contextlib.suppress(qtbot.TimeoutError):  # then the assertion says what is cut
        qtbot.waitUntil(lambda: not clipped_texts(wizard), timeout=2_000)
    assert not clipped_texts(wizard), clipped_texts(wizard)
    click_next(qtbot, wizard)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    qtbot.waitUntil(done.limit_note.isVisible)
    when = done.result.limit_stops_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert f"{when}（本机时间）自行终止" in done.limit_note.text()
    assert_chinese(done.limit_note.text(), [when])
    assert not clipped_texts(wizard), clipped_texts(wizard)
