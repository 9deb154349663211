"""Every page in Simplified Chinese, clicked through like a user, with nothing clipped.

The full run launches against the emulator and the stand-in sshd (the issue's "end-to-end test
runs once in zh_CN"), opens the notebook, lists it in My instances and terminates it. With
``EC2NB_SCREENSHOTS=1`` it saves a PNG of every page (1024x700) into docs/screenshots/zh_CN/.
A quicker run walks the pages before the launch in both languages and checks only the layout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core import local_tools
from app.core.flow import PageId
from app.ui import i18n
from tests.integration.launch.stand_in import StandIn, notebook_status
from tests.integration.launch.stand_in import stand_in as stand_in  # the fixture
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click, click_next, wait_for_page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "zh_CN"
LAUNCH_TIMEOUT_MS = 240_000
_SLACK = 1  # pixels of rounding between a size hint and the laid-out size


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    lang = getattr(request, "param", i18n.CHINESE)
    i18n.install_language(lang)
    yield lang
    i18n.install_language(i18n.ENGLISH)


def clipped_texts(window: QWidget) -> list[str]:
    """Texts in ``window`` that do not fit the space their widget got."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 1:
            continue
        where = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + _SLACK:
                    problems.append(f"{where}: {widget.text()!r} needs {needed}px height")
            elif widget.sizeHint().width() > widget.width() + _SLACK:
                problems.append(f"{where}: {widget.text()!r} needs {widget.sizeHint().width()}px")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + _SLACK:
                problems.append(f"{where}: {widget.text()!r} needs {widget.sizeHint().width()}px")
        elif isinstance(widget, QComboBox) and widget.currentText():
            # The width Qt gives a combo like this one holding only the text it shows.
            probe = QComboBox()
            probe.setFont(widget.font())
            probe.setStyle(widget.style())
            probe.setIconSize(widget.iconSize())
            probe.addItem(widget.itemIcon(widget.currentIndex()), widget.currentText())
            needed = probe.sizeHint().width()
            probe.deleteLater()
            if needed > widget.width() + _SLACK:
                problems.append(f"{where}: {widget.currentText()!r} needs {needed}px")
        elif isinstance(widget, QGroupBox) and widget.title():
            title_width = widget.fontMetrics().horizontalAdvance(widget.title())
            if title_width + 16 > widget.width():
                problems.append(f"{where}: {widget.title()!r} needs {title_width + 16}px")
    return problems


class PageCheck:
    """Checks a page's layout and, with EC2NB_SCREENSHOTS=1 in Chinese, saves its picture."""

    def __init__(self, qtbot: QtBot, lang: str) -> None:
        self.qtbot = qtbot
        self.save = lang == i18n.CHINESE and os.environ.get("EC2NB_SCREENSHOTS") == "1"
        self.seen: list[str] = []

    def __call__(self, window: QWidget, name: str) -> None:
        self.qtbot.wait(100)  # let the last layout and paint settle
        assert window.width() == 1024
        assert window.height() == 700 or isinstance(window, QMessageBox)
        if self.save:  # before the check, so that a failure can be looked at
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            assert window.grab().save(str(SCREENSHOTS / f"{name}.png"))
        assert not clipped_texts(window), f"{name}: clipped text {clipped_texts(window)}"
        self.seen.append(name)


def walk_to_review(qtbot: QtBot, wizard: Any, check: PageCheck) -> None:
    """From the first page to the review, with the recommended choices."""
    check(wizard, "01-welcome")
    click(qtbot, wizard.page_of(PageId.WELCOME).new_button)
    wait_for_page(qtbot, wizard, PageId.CREDENTIALS)
    qtbot.waitUntil(lambda: wizard.ctx.state.account is not None, timeout=20_000)
    check(wizard, "02-credentials")
    click_next(qtbot, wizard)
    wait_for_page(qtbot, wizard, PageId.IMAGE)
    qtbot.waitUntil(lambda: wizard.ctx.state.image_chosen, timeout=20_000)
    check(wizard, "03-machine-image")
    click_next(qtbot, wizard)
    gpu = wait_for_page(qtbot, wizard, PageId.GPU)
    qtbot.waitUntil(lambda: len(gpu.model.quotas) == gpu.model.rowCount() > 0, timeout=30_000)
    check(wizard, "04-gpu-type")
    click_next(qtbot, wizard)
    wait_for_page(qtbot, wizard, PageId.STORAGE)
    check(wizard, "05-storage")
    click_next(qtbot, wizard)
    network = wait_for_page(qtbot, wizard, PageId.NETWORK)
    qtbot.waitUntil(lambda: "198.51.100.23" in network.my_ip_label.text(), timeout=10_000)
    check(wizard, "06-network")
    click_next(qtbot, wizard)
    wait_for_page(qtbot, wizard, PageId.KEY_PAIR)
    check(wizard, "07-key-pair")
    click_next(qtbot, wizard)
    wait_for_page(qtbot, wizard, PageId.REVIEW)
    check(wizard, "08-review")


@pytest.fixture
def launch_world(stand_in: StandIn) -> StandIn:
    """The stand-in instance plus prices and quotas (stubbed Pricing and Service Quotas)."""
    from app.demo.services import emulate_missing_services

    emulate_missing_services(stand_in.aws)
    return stand_in


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.CHINESE], indirect=True)
def test_the_pages_before_the_launch_fit_in_both_languages(
    qtbot: QtBot,
    language: str,
    launch_world: StandIn,
    aws_profile: str,
    make_wizard: WizardFactory,
) -> None:
    wizard = make_wizard()
    walk_to_review(qtbot, wizard, PageCheck(qtbot, language))
    price = wizard.page_of(PageId.REVIEW).price.text()
    assert ("每小时" in price) == (language == i18n.CHINESE)


@pytest.mark.slow
@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on any dialog
def test_every_page_in_chinese_from_welcome_to_terminate(
    qtbot: QtBot,
    language: str,
    launch_world: StandIn,
    aws_profile: str,
    make_wizard: WizardFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(local_tools, "open_url", lambda url, **_kw: opened.append(url) or True)
    check = PageCheck(qtbot, language)
    wizard = make_wizard()
    walk_to_review(qtbot, wizard, check)
    click_next(qtbot, wizard)  # 启动(&L)

    progress = wait_for_page(qtbot, wizard, PageId.PROGRESS)
    qtbot.waitUntil(lambda: progress.bar.value() >= 8, timeout=LAUNCH_TIMEOUT_MS)
    check(wizard, "09-progress")
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_TIMEOUT_MS)
    assert done.open_button.text() == "打开笔记本"
    check(wizard, "10-done")
    click(qtbot, done.open_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert "started" in notebook_status(opened[0])
    launch_id = wizard.ctx.launch_result.launch_id

    second = make_wizard()
    click(qtbot, second.page_of(PageId.WELCOME).instances_button)
    wait_for_page(qtbot, second, PageId.CREDENTIALS)
    click_next(qtbot, second)
    instances = wait_for_page(qtbot, second, PageId.INSTANCES)
    qtbot.waitUntil(lambda: bool(instances.instances), timeout=30_000)
    instances.table.selectRow(0)
    check(second, "11-my-instances")
    second.close()

    click(qtbot, done.terminate_button)
    qtbot.waitUntil(lambda: done.findChild(QMessageBox, "terminateDialog") is not None)
    box = done.findChild(QMessageBox, "terminateDialog")
    qtbot.waitUntil(box.isVisible)
    assert box.windowTitle() == "终止这台机器？"
    terminate = next(b for b in box.buttons() if b.text() == "终止并清理")
    click(qtbot, terminate)
    qtbot.waitUntil(lambda: done.ended == "terminated", timeout=120_000)
    assert "已终止并清理" in done.status.text()
    assert launch_world.aws.tagged_resources(REGION, launch_id) == {}
    assert len(check.seen) == 11


def test_the_clipping_check_sees_a_cut_text(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 200)
    label = QLabel("机器闲置一小时后会自动停止，忘记关闭的笔记本不会一直产生费用。", window)
    button = QPushButton("终止并清理", window)
    window.show()
    qtbot.waitExposed(window)
    assert clipped_texts(window) == []
    label.setFixedWidth(60)
    button.setFixedWidth(30)
    assert len(clipped_texts(window)) == 2
