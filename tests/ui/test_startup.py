"""Start-up: the first page is painted before the other pages, boto3 or paramiko are loaded.

The window builds only its first page before it shows (``defer_pages``); the others come right
after the first paint, or as soon as anything needs them. These tests check that the first paint
really is that light, and that a window built this way works and looks like one built at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app.core.flow import NEW_LAUNCH_STEPS, Mode, PageId
from app.ui.pages.base import PAGE_NUMBERS
from app.ui.side_panel import page_title
from tests.support.aws_emulator import AwsEmulator
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click, next_button, wait_for_page

HEAVY = ("boto3", "botocore", "paramiko")
LATER_PAGES = tuple(f"app.ui.pages.{name}" for name in ("credentials", "gpu", "progress", "done"))

# Runs the wizard as ``ec2nb --smoke-test`` does and reports which modules were loaded when the
# first page was painted, and which once the window had built the rest and closed.
_FIRST_PAINT_PROBE = f"""
import sys
import PySide6.QtCore
from PySide6.QtCore import QSettings
from app.ui import main

# Settings of its own: a remembered launch region would start a background look-up.
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])

WATCH = {HEAVY + LATER_PAGES!r}

def loaded():
    return ",".join(name for name in WATCH if name in sys.modules)

class Probe(main.FirstPaintWatcher):
    def __init__(self, widget, on_painted):
        def painted():
            print("at first paint:" + loaded(), flush=True)
            # Shiboken creates a Qt class's Python type when it is first used; Qt's namespace
            # (every Qt.* enum) takes 10-50 ms, and the first page needs none of it.
            print("Qt namespace at first paint:", "Qt" in PySide6.QtCore.__dict__, flush=True)
            on_painted()
        super().__init__(widget, painted)

main.FirstPaintWatcher = Probe
code = main.run_gui(smoke_test=True)
print("at exit:" + loaded(), flush=True)
sys.exit(code)
"""


def _loaded_at(output: str, moment: str) -> set[str]:
    line = next(line for line in output.splitlines() if line.startswith(moment + ":"))
    return {name for name in line.partition(":")[2].split(",") if name}


def test_the_first_page_is_painted_before_aws_ssh_or_the_other_pages_are_loaded(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT_PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "first paint after" in result.stdout
    assert _loaded_at(result.stdout, "at first paint") == set()
    assert "Qt namespace at first paint: False" in result.stdout
    # Then the window built every page (the smoke test checks they all build), still without
    # loading AWS or SSH code: the pages load it only when they call the core.
    assert _loaded_at(result.stdout, "at exit") == set(LATER_PAGES)


def _auto_default_buttons(wizard: Any) -> dict[PageId, list[str]]:
    return {
        page_id: sorted(
            button.text() for button in page.findChildren(QPushButton) if button.autoDefault()
        )
        for page_id, page in wizard.pages.items()
    }


def test_a_deferred_window_shows_the_same_first_page_then_gets_every_page(
    qtbot: QtBot, make_wizard: WizardFactory
) -> None:
    eager = make_wizard()
    first_paint_of_eager = eager.grab().toImage()
    eager.hide()
    deferred = make_wizard(defer_pages=True)
    assert deferred.pageIds() == [PAGE_NUMBERS[PageId.WELCOME]]
    assert deferred.grab().toImage() == first_paint_of_eager

    deferred.add_remaining_pages()
    assert deferred.pageIds() == eager.pageIds()
    assert deferred.grab().toImage() == first_paint_of_eager
    # Enter means Next on the pages built late too, "Open Notebook" excepted.
    assert _auto_default_buttons(deferred) == _auto_default_buttons(eager)
    assert _auto_default_buttons(deferred)[PageId.DONE] != []


def _current_step(wizard: Any) -> str:
    """The step the side panel shows in bold (the app's name above the steps is bold too)."""
    steps = {page_title(page) for page in NEW_LAUNCH_STEPS}
    bold = [
        label.text()
        for label in wizard.side_panel.findChildren(QLabel)
        if label.font().bold() and label.text() in steps
    ]
    assert len(bold) == 1, bold
    return bold[0]


def test_a_deferred_window_builds_the_pages_as_soon_as_the_user_moves_on(
    qtbot: QtBot, aws: AwsEmulator, aws_profile: str, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard(defer_pages=True)  # no event loop yet: not painted, nothing added
    assert wizard.pageIds() == [PAGE_NUMBERS[PageId.WELCOME]]
    click(qtbot, wizard.page_of(PageId.WELCOME).new_button)
    credentials = wait_for_page(qtbot, wizard, PageId.CREDENTIALS)
    assert _current_step(wizard) == page_title(PageId.CREDENTIALS)
    assert len(wizard.pageIds()) == len(PageId)
    qtbot.waitUntil(lambda: wizard.ctx.state.account is not None, timeout=20_000)
    assert credentials.profile_combo.currentData() == aws_profile
    click(qtbot, next_button(wizard))
    wait_for_page(qtbot, wizard, PageId.IMAGE)
    assert _current_step(wizard) == page_title(PageId.IMAGE)
    assert wizard.ctx.state.mode is Mode.NEW
    assert wizard.visitedIds() == [PAGE_NUMBERS[p] for p in (PageId.WELCOME, *NEW_LAUNCH_STEPS[:2])]


def test_asking_a_deferred_window_for_a_page_builds_it(make_wizard: WizardFactory) -> None:
    wizard = make_wizard(defer_pages=True)
    done = wizard.page_of(PageId.DONE)
    assert done.page_id is PageId.DONE
    assert wizard.page(PAGE_NUMBERS[PageId.DONE]) is done


def test_the_predrawn_state_icons_are_what_the_app_draws(qtbot: QtBot) -> None:
    """The first paint reads some state icons from files (cheaper than painting them): they
    must look exactly as drawn now, or scripts/make_icons.py --state was not run after a change."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage

    from app.ui.icons import PREDRAWN, _paint, predrawn_files

    for kind, size in PREDRAWN:
        for ratio, path in zip((1.0, 2.0), predrawn_files(kind, size), strict=True):
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            _paint(kind, size, ratio).toImage().save(buffer, "PNG")  # as make_icons writes it
            drawn = QImage.fromData(data, "PNG")
            assert QImage(str(path)) == drawn, f"{path.name} differs from the drawing"
