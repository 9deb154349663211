"""Chinese on the screens the end-to-end walk does not reach, and the cut-off-text check itself.

The walk through every page in both languages, with the check for cut-off text and the
screenshots of docs/screenshots/zh_CN/, is ``tests/ui/test_end_to_end.py``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from app.core.launch import LaunchOverrides
from app.ui import i18n
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click_next, wait_for_page
from tests.ui.screen_checks import assert_chinese, clipped_texts, english_words

LAUNCH_MS = 120_000
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


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


@pytest.mark.slow
@pytest.mark.usefixtures("chinese")
def test_a_failed_step_says_why_in_chinese(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    launch_world.aws.inject("RunInstances", "InsufficientInstanceCapacity", times=20)
    wizard = make_wizard()
    advance_to(qtbot, wizard, PageId.REVIEW)
    click_next(qtbot, wizard)
    progress = wait_for_page(qtbot, wizard, PageId.PROGRESS)
    qtbot.waitUntil(progress.error_panel.isVisible, timeout=LAUNCH_MS)
    step = progress._items["instance"]
    assert step.text(1) == "失败"
    # The step's row says what the error panel says, in Chinese, with the type and region.
    assert step.text(3) == step.toolTip(3) == progress.error_panel.message.text()
    instance_type = wizard.ctx.plan.instance_type
    assert instance_type in step.text(3)
    assert REGION in step.text(3)
    assert_chinese(step.text(3), [instance_type, REGION])
    assert not english_words(step.text(3), [instance_type, REGION]), step.text(3)
    # The other steps kept their own (translated) notes.
    assert progress._items["security-group"].text(3) != step.text(3)
    progress.cleanup_button.click()
    qtbot.waitUntil(lambda: "清理完成" in progress.status.text(), timeout=LAUNCH_MS)


@pytest.mark.slow
@pytest.mark.usefixtures("chinese")
def test_a_launch_steps_notes_and_skip_reasons_are_chinese_on_the_progress_page(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    # Provision only (the demo without an SSH server): the steps after the host keys skip.
    overrides = dataclasses.replace(LaunchOverrides.from_env(), provision_only=True)
    wizard = make_wizard(launch_overrides=overrides)
    advance_to(qtbot, wizard, PageId.REVIEW)
    click_next(qtbot, wizard)
    progress = wait_for_page(qtbot, wizard, PageId.PROGRESS)
    qtbot.waitUntil(lambda: wizard.ctx.state.launch_ready, timeout=LAUNCH_MS)
    rows = progress._items
    journal = progress.job.journal
    # Titles come from the launch's registry, translated.
    assert rows["notebook"].text(0) == "启动 Jupyter"
    # A skip reason, and a step's note with values filled into its translation.
    assert rows["notebook"].text(1) == "已跳过"
    assert rows["notebook"].text(3) == "演示：没有 SSH 服务器，已跳过。"
    assert rows["ssh"].text(3) == "演示：本机没有可代替实例的 OpenSSH 服务器。"
    instance_id, zone = journal.resources.instance_id, journal.zone
    assert rows["instance"].text(1) == "完成"
    assert rows["instance"].text(3) == f"{instance_id}，位于 {zone}"
    assert rows["running"].text(3) == f"运行于 {journal.public_ip}"
    assert rows["ready"].text(3) == "资源已创建（无 SSH 的演示）：没有可打开的笔记本。"
    group = journal.resources.security_group_id or ""
    assert rows["security-group"].text(3).startswith(f"{group}：仅允许来自 ")
    assert_chinese(rows["identity"].text(3), [REGION])


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


@pytest.mark.usefixtures("chinese")
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_forward_and_download_first_dialogs_in_chinese(qtbot: QtBot, qapp: Any) -> None:
    """Built without a machine (nothing is forwarded or downloaded): every text is Chinese and
    fits. ``EC2NB_SCREENSHOTS=1`` saves them to docs/screenshots/zh_CN/."""
    from app.ui.download_first_dialog import DownloadFirstDialog
    from app.ui.forwards_dialog import ForwardsDialog
    from app.ui.worker import TaskRunner

    runner = TaskRunner()
    forwards = ForwardsDialog(runner, tunnel=object())
    download = DownloadFirstDialog(
        runner, "20261201-1200-abcdef", terminate=True, on_proceed=lambda: None
    )
    for dialog, name in ((forwards, "13-forwards"), (download, "14-download-first")):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
        texts += [b.text() for b in dialog.findChildren(QPushButton) if b.isVisible()]
        for text in texts:
            assert_chinese(text, ["TensorBoard", "API", "SSH", "..."])
        assert clipped_texts(dialog) == []
        if os.environ.get("EC2NB_SCREENSHOTS") == "1":
            assert dialog.grab().save(str(SCREENSHOTS / "zh_CN" / f"{name}.png"))
