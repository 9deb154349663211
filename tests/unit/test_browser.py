"""Opening the notebook: the token on no command line, a missing browser said, a failure seen."""

from __future__ import annotations

import logging
import os
import stat
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from app.core.browser import carries_secret, find_browser, write_redirect_page
from app.core.local_tools import open_url
from app.core.redact import register_secret

TOKEN = "4b9d0c2e7f1a6b3c8d5e0f9a2b7c4d1e6f3a8b5c0d7e2f9a"
URL = f"http://127.0.0.1:8888/lab?token={TOKEN}"

linux_only = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="xdg-open is the Linux opener"
)


def _program(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def _wait_for_file(path: Path) -> str:
    deadline = time.monotonic() + 10
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)  # another process writes it: poll
    return path.read_text(encoding="utf-8")


@linux_only
def test_the_token_is_on_no_command_line_and_the_page_is_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register_secret(TOKEN)
    record = tmp_path / "argv.txt"
    # A stand-in xdg-open that records its command line as `ps` would show it to anyone.
    _program(
        tmp_path / "bin",
        "xdg-open",
        f'tr "\\0" " " < /proc/$$/cmdline > "{record}.tmp"; mv "{record}.tmp" "{record}"\n',
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")

    assert open_url(URL) is True

    argv = _wait_for_file(record)
    assert TOKEN not in argv
    page_uri = argv.split()[-1]
    assert page_uri.startswith("file://")
    page = Path(unquote(urlsplit(page_uri).path))
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    assert stat.S_IMODE(page.parent.stat().st_mode) == 0o700
    text = page.read_text(encoding="utf-8")
    assert f'url={URL}"' in text  # the page sends the browser on to the notebook
    assert f'href="{URL}"' in text


def test_the_page_escapes_the_url_and_old_pages_go(tmp_path: Path) -> None:
    hostile = 'http://127.0.0.1:8888/lab?token=a"><script>alert(1)</script>&x=1'
    page = write_redirect_page(hostile, tmp_path)
    assert "<script>" not in page.read_text(encoding="utf-8")
    old = write_redirect_page(URL, tmp_path)
    stale = time.time() - 3600
    os.utime(old, (stale, stale))
    newest = write_redirect_page(URL, tmp_path)
    assert not old.exists()
    assert page.exists()
    assert newest.exists()


def test_only_urls_with_a_token_go_through_a_page() -> None:
    assert carries_secret(URL)
    assert not carries_secret("https://www.chiark.greenend.org.uk/~sgtatham/putty/latest.html")
    assert not carries_secret("http://127.0.0.1:8888/lab?x=token")


@linux_only
def test_a_failing_xdg_open_is_reported_not_swallowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    register_secret(TOKEN)
    # What xdg-open does on a desktop without a browser: "no method available", exit 3.
    _program(tmp_path / "bin", "xdg-open", 'echo "xdg-open: no method available" >&2; exit 3\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    import app.core.local_tools as local_tools

    monkeypatch.setattr(local_tools.webbrowser, "open", lambda url, new=0: False)
    with caplog.at_level(logging.INFO, logger="app.core.local_tools"):
        assert open_url(URL) is False
    assert "exit status 3" in caplog.text
    assert TOKEN not in caplog.text


@linux_only
def test_find_browser_reads_the_desktops_default(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    _program(bin_dir, "xdg-settings", 'echo "firefox-esr.desktop"\n')
    env = {"PATH": str(bin_dir)}
    assert find_browser(env=env, platform="linux") == "firefox-esr.desktop"
    assert find_browser(env={"PATH": "", "BROWSER": "w3m"}, platform="linux") == "w3m"
    assert find_browser(env={"PATH": ""}, platform="win32") == "default"


@linux_only
def test_find_browser_says_none_when_no_default_is_set(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    # A desktop with xdg-utils but no browser: both answer nothing.
    _program(bin_dir, "xdg-settings", "exit 0\n")
    _program(bin_dir, "xdg-mime", "exit 0\n")
    assert find_browser(env={"PATH": str(bin_dir)}, platform="linux") is None
    assert find_browser(env={"PATH": str(tmp_path / "nothing")}, platform="linux") is None
