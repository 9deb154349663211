"""What ``ec2nb launch`` prints once the notebook is ready: the token only where asked.

The browser side is real programs on PATH: scripts standing in for ``xdg-open`` and
``xdg-settings`` that record how they were started, or fail as on a desktop without a browser.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from app.commands.launch import Reporter, serve
from app.core.launch import LaunchResult
from tests.support.tools import only_programs

TOKEN = "9c1f5e0b7a2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c"
URL = f"http://127.0.0.1:8888/lab?token={TOKEN}"

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="xdg-open is the Linux opener"
)


def _result() -> LaunchResult:
    # HTTPS access: no tunnel to hold, so serve() returns once it has printed.
    return LaunchResult(
        launch_id="ec2nb-20260101-0000-abcdef",
        instance_id="i-0123456789abcdef0",
        region="us-east-1",
        url=URL,
        ssh_command="ssh -i key ubuntu@198.51.100.7",
        putty_command="",
        notebook=None,
        tunnel=None,
    )


def _args(**overrides: bool) -> argparse.Namespace:
    return argparse.Namespace(**{"no_browser": False, "json": False, **overrides})


def test_with_a_browser_the_token_is_neither_printed_nor_on_its_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "argv"
    only_programs(
        tmp_path / "bin",
        monkeypatch,
        xdg_settings='echo "firefox-esr.desktop"\n',
        xdg_open=f'printf "%s " "$0" "$@" > "{record}"\n',
    )
    assert serve(_result(), Reporter(as_json=False), _args()) == 0
    printed = capsys.readouterr().out
    assert TOKEN not in printed
    assert "Notebook: http://127.0.0.1:8888/lab?token=••••••••" in printed
    assert "--no-browser prints it" in printed
    assert TOKEN not in record.read_text(encoding="utf-8")


def test_no_browser_prints_the_whole_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "argv"
    only_programs(tmp_path / "bin", monkeypatch, xdg_open=f'echo started > "{record}"\n')
    assert serve(_result(), Reporter(as_json=False), _args(no_browser=True)) == 0
    assert f"Notebook: {URL}" in capsys.readouterr().out
    assert not record.exists()  # asked not to: no browser started


def test_without_a_browser_it_says_so_and_prints_the_whole_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    only_programs(
        tmp_path / "bin",
        monkeypatch,
        xdg_settings="exit 0\n",
        xdg_mime="exit 0\n",
        xdg_open='echo "xdg-open: no method available" >&2\nexit 3\n',
    )
    import app.core.local_tools as local_tools

    monkeypatch.setattr(local_tools.webbrowser, "open", lambda url, new=0: False)
    assert serve(_result(), Reporter(as_json=False), _args()) == 0
    printed = capsys.readouterr().out
    assert "No default web browser is set on this computer" in printed
    assert f"Notebook: {URL}" in printed
