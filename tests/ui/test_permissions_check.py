"""The review page's "Check permissions": the launch's calls tried off the UI thread without
creating anything, shown as a table in English and Chinese (screenshots in tmp_path, or in
docs/screenshots/ with EC2NB_SCREENSHOTS=1)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from app.ui import i18n
from app.ui.pages.review import ReviewPage
from tests.support.constants import REGION
from tests.support.resources import emulator_resources
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, next_button
from tests.ui.screen_checks import assert_chinese, clipped_texts

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(autouse=True)
def _offline_ip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


def _check(qtbot: QtBot, world: Any, wizard: Any) -> tuple[ReviewPage, dict[str, str]]:
    page = advance_to(qtbot, wizard, PageId.REVIEW)
    assert isinstance(page, ReviewPage)
    world.deny("ec2:RunInstances")
    before = emulator_resources(REGION)
    click(qtbot, page.permissions.button)
    qtbot.waitUntil(page.permissions.table.isVisible, timeout=30_000)
    assert not page.task_running("permissions")
    assert emulator_resources(REGION) == before  # nothing was created
    table = page.permissions.table
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    return page, rows


def _screenshot(wizard: Any, name: str, tmp_path: Path) -> Path:
    folder = SCREENSHOTS if os.environ.get("EC2NB_SCREENSHOTS") == "1" else tmp_path
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    assert wizard.grab().save(str(path))
    return path


def test_the_review_page_shows_the_missing_permission(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory, tmp_path: Path
) -> None:
    wizard = make_wizard()
    page, rows = _check(qtbot, world, wizard)
    assert rows["ec2:RunInstances"] == "missing ec2:RunInstances"
    assert rows["ec2:CreateSecurityGroup"] == "allowed"
    assert rows["cloudwatch:PutMetricAlarm"] == "allowed"
    assert page.permissions.verdict.text() == (
        "The launch would fail. Ask your AWS administrator to allow: ec2:RunInstances."
    )
    assert next_button(wizard).isEnabled()  # the user decides; the check only informs
    _screenshot(wizard, "08b-review-permissions.png", tmp_path)
    assert not clipped_texts(wizard)


@pytest.mark.usefixtures("chinese")
def test_the_permission_table_in_chinese(
    qtbot: QtBot, world: Any, make_wizard: WizardFactory, tmp_path: Path
) -> None:
    wizard = make_wizard()
    page, rows = _check(qtbot, world, wizard)
    assert_chinese(rows["ec2:RunInstances"], ["ec2:RunInstances"])
    assert_chinese(rows["ec2:CreateSecurityGroup"])
    assert_chinese(page.permissions.verdict.text(), ["ec2:RunInstances"])
    assert_chinese(page.permissions.button.text())
    _screenshot(wizard, "zh_CN/08b-review-permissions.png", tmp_path)
    assert not clipped_texts(wizard)
