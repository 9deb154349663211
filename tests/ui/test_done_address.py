"""The Done page: the notebook's address is always there, and opening it never fails silently.

The browser side is real programs on PATH: small scripts standing in for ``xdg-open`` and
``xdg-settings`` that record what they were started with, or fail as they do on a desktop
without a browser.
"""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.core import local_tools
from tests.support.tools import only_programs
from tests.ui.helpers import click
from tests.ui.test_launch_pages import LAUNCH_MS, done_page, launch_world  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
    pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="xdg-open is Linux's opener"),
]


def _token(url: str) -> str:
    return url.split("token=", 1)[1]


def test_the_address_is_shown_with_its_token_hidden_and_copies_whole(
    qtbot: QtBot,
    done_page: Any,  # noqa: F811 - the fixture
) -> None:
    url = done_page.result.url
    address = done_page.address
    assert address.isVisible()
    token = _token(url)
    shown = address.field.text()
    assert shown.startswith("http://127.0.0.1:")
    assert "token=" in shown
    assert token not in shown  # hidden on screen until asked
    click(qtbot, address.show_button)
    assert address.field.text() == url
    click(qtbot, address.show_button)
    assert token not in address.field.text()
    QGuiApplication.clipboard().clear()
    click(qtbot, address.copy_button)
    assert QGuiApplication.clipboard().text() == url
    assert "clipboard" in done_page.status.text()


def test_open_notebook_without_a_browser_says_so_instead_of_nothing(
    qtbot: QtBot,
    done_page: Any,  # noqa: F811 - the fixture
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A desktop with xdg-utils and no browser: xdg-settings and xdg-mime name none, and
    # xdg-open gives up with exit status 3, as it does there.
    only_programs(
        tmp_path / "bin",
        monkeypatch,
        xdg_settings="exit 0\n",
        xdg_mime="exit 0\n",
        xdg_open='echo "xdg-open: no method available for opening $1" >&2\nexit 3\n',
    )
    monkeypatch.setattr(local_tools.webbrowser, "open", lambda url, new=0: False)
    done_page.find_browser()
    qtbot.waitUntil(lambda: "No default web browser" in done_page.url_label.text(), timeout=10_000)
    assert done_page.address.isVisible()  # the way on: the address is right there
    QGuiApplication.clipboard().clear()
    click(qtbot, done_page.open_button)
    qtbot.waitUntil(lambda: "No default web browser" in done_page.status.text(), timeout=10_000)
    assert QGuiApplication.clipboard().text() == done_page.result.url


def test_open_notebook_passes_no_token_on_the_command_line_and_says_it_asked(
    qtbot: QtBot,
    done_page: Any,  # noqa: F811 - the fixture
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = tmp_path / "xdg-open-argv"
    only_programs(
        tmp_path / "bin",
        monkeypatch,
        xdg_settings='echo "firefox-esr.desktop"\n',
        xdg_open=f'printf "%s " "$0" "$@" > "{record}"\n',
    )
    qtbot.waitUntil(lambda: not done_page.task_running("find-browser"), timeout=10_000)
    click(qtbot, done_page.open_button)
    qtbot.waitUntil(lambda: "asked to open" in done_page.status.text(), timeout=LAUNCH_MS)
    argv = record.read_text(encoding="utf-8")
    assert _token(done_page.result.url) not in argv
    page = Path(argv.split()[-1].removeprefix("file://"))
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert done_page.result.url.replace("&", "&amp;") in page.read_text(encoding="utf-8")
    assert "through a private SSH tunnel" in done_page.url_label.text()
