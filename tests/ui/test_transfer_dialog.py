"""Upload files… / Download… / drag-and-drop on the Done page, against the stand-in instance.

``EC2NB_SCREENSHOTS=1`` saves the progress dialog to docs/screenshots/12-upload.png.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.core.remote.transfer import PART_SUFFIX
from tests.integration.launch.stand_in import StandIn
from tests.ui.helpers import click
from tests.ui.test_launch_pages import done_page, launch_world  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _drop(page: Any, paths: list[Path]) -> bool:
    """Drag files from a file manager onto ``page`` and drop them; True if it accepted them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    position = page.rect().center()
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():  # PySide6 marks Qt's one QDragEnterEvent constructor
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(position, actions, mime, buttons, keys)
    QApplication.sendEvent(page, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(position), actions, mime, buttons, keys)
    QApplication.sendEvent(page, drop)
    return drop.isAccepted()


def test_files_dropped_on_the_done_page_are_uploaded_and_download_brings_them_back(
    qtbot: QtBot,
    done_page: Any,  # noqa: F811 - the fixture
    launch_world: StandIn,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    # The notebook folder is the work disk, mounted at ~/work (the default launch has one).
    folder = launch_world.remote_home / done_page.result.launch_id / "work"
    data = tmp_path / "data"
    data.mkdir()
    (data / "table.csv").write_text("a,b\n1,2\n")
    notes = tmp_path / "notes.ipynb"
    notes.write_text('{"cells": []}')
    assert done_page.upload_button.isEnabled()

    assert _drop(done_page, [notes, data])
    dialog = done_page.transfer
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "done", dialog.detail.text()
    assert "2 file(s)" in dialog.detail.text()
    assert (folder / "notes.ipynb").read_text() == '{"cells": []}'
    assert (folder / "data" / "table.csv").read_text() == "a,b\n1,2\n"
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Close))
    assert not dialog.isVisible()

    down = tmp_path / "down"
    down.mkdir()
    dialog = done_page.download_files("data", str(down))
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "done", dialog.detail.text()
    assert (down / "data" / "table.csv").read_text() == "a,b\n1,2\n"

    dialog = done_page.download_files("../../outside", str(down))
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "failed"
    assert "outside the notebook folder" in dialog.detail.text()


def test_a_cancelled_upload_stops_and_says_it_continues_next_time(
    qtbot: QtBot,
    done_page: Any,  # noqa: F811 - the fixture
    launch_world: StandIn,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    # The notebook folder is the work disk, mounted at ~/work (the default launch has one).
    folder = launch_world.remote_home / done_page.result.launch_id / "work"
    big = tmp_path / "weights.bin"
    with big.open("wb") as file:
        for _ in range(400):
            file.write(os.urandom(1 << 20))
    dialog = done_page.upload_files([str(big)])
    # Cancel once the first bytes are on their way (the bar moved, the speed is shown).
    qtbot.waitUntil(
        lambda: (dialog.bar.value() >= 50 and "/s" in dialog.detail.text()) or bool(dialog.outcome),
        timeout=30_000,
    )
    assert dialog.outcome == ""
    assert "left" in dialog.detail.text()
    assert dialog.current.text() == "File 1 of 1: weights.bin"
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "12-upload.png"))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "cancelled"
    assert "continue where it stopped" in dialog.detail.text()
    assert not (folder / "weights.bin").exists()
    assert (folder / ("weights.bin" + PART_SUFFIX)).exists()


def test_the_progress_of_a_copy_reads_in_chinese(qapp: Any) -> None:
    from app.core.remote.transfer import human_time
    from app.core.sentence import QT_TRANSLATE_NOOP
    from app.ui import i18n
    from app.ui.sentences import shown

    note = QT_TRANSLATE_NOOP("core", "{done} of {total}, {speed}/s, {left} left").format(
        done="60.8 MB", total="419.4 MB", speed="165.9 MB", left=human_time(75)
    )
    i18n.install_language(i18n.CHINESE)
    try:
        assert shown(note) == "已完成 60.8 MB，共 419.4 MB，165.9 MB/秒，还剩 1 分 15 秒"
    finally:
        i18n.install_language(i18n.ENGLISH)
