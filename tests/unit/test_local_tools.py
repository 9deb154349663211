"""Local programs (PuTTY, VS Code, the browser) and the Windows paths around them.

The Windows lookups read an injected environment and registry, so the same logic that runs on a
user's PC is checked here with real files in folders named like Windows ones: spaces, non-ASCII
user names, ``;``-separated PATH, quoted and ``%VAR%`` registry values.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from app.core import local_tools, paths
from app.core.local_tools import (
    PUTTY_DOWNLOAD_URL,
    find_putty,
    find_vscode,
    open_url,
    read_app_path,
)
from app.core.program_env import external_program_env
from app.core.redact import register_secret

USER = "José Müller 张伟"  # a Windows user name with a space and non-ASCII letters


def _program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _no_registry(name: str) -> str | None:
    return None


@pytest.fixture
def machine(tmp_path: Path) -> dict[str, Path]:
    """Folders of a pretend Windows PC under tmp_path."""
    root = tmp_path / "C"
    return {
        "program_files": root / "Program Files",
        "program_files_x86": root / "Program Files (x86)",
        "local": root / "Users" / USER / "AppData" / "Local",
        "tools": root / "Users" / USER / "my tools",
    }


def _windows_env(machine: dict[str, Path], path: str = "") -> dict[str, str]:
    return {
        "ProgramFiles": str(machine["program_files"]),
        "ProgramFiles(x86)": str(machine["program_files_x86"]),
        "LOCALAPPDATA": str(machine["local"]),
        "Path": path,  # Windows spells it this way; lookups must not care
    }


# -- PuTTY -------------------------------------------------------------------------------------


def test_putty_on_a_windows_path_with_spaces_and_non_ascii(machine: dict[str, Path]) -> None:
    exe = _program(machine["tools"] / "putty.exe")
    installed = _program(machine["program_files"] / "PuTTY" / "putty.exe")
    env = _windows_env(machine, path=f'C:\\Windows;"{machine["tools"]}";')

    found = find_putty(env=env, platform="win32", app_path=_no_registry)

    assert found == exe  # PATH wins over the installed copy
    assert found != installed


def test_putty_from_the_registry_app_paths_with_quotes_and_variables(
    machine: dict[str, Path],
) -> None:
    exe = _program(machine["program_files"] / "Odd Place" / "putty.exe")
    asked: list[str] = []

    def registry(name: str) -> str | None:
        asked.append(name)
        return f'"%programfiles%{os.sep}Odd Place{os.sep}putty.exe"'

    found = find_putty(env=_windows_env(machine), platform="win32", app_path=registry)

    assert found == exe
    assert asked == ["putty.exe"]


def test_putty_in_program_files_then_x86_then_per_user(machine: dict[str, Path]) -> None:
    env = _windows_env(machine)
    per_user = _program(machine["local"] / "Programs" / "PuTTY" / "putty.exe")
    assert find_putty(env=env, platform="win32", app_path=_no_registry) == per_user

    x86 = _program(machine["program_files_x86"] / "PuTTY" / "putty.exe")
    assert find_putty(env=env, platform="win32", app_path=_no_registry) == x86

    native = _program(machine["program_files"] / "PuTTY" / "putty.exe")
    assert find_putty(env=env, platform="win32", app_path=_no_registry) == native


def test_no_putty_anywhere_is_none_even_with_a_stale_registry_entry(
    machine: dict[str, Path],
) -> None:
    (machine["program_files"] / "PuTTY" / "putty.exe").mkdir(parents=True)  # not a file

    def stale(name: str) -> str:
        return str(machine["program_files"] / "Removed" / "putty.exe")

    assert find_putty(env=_windows_env(machine), platform="win32", app_path=stale) is None


@pytest.mark.skipif(sys.platform == "win32", reason="':'-separated PATH of POSIX folders")
def test_putty_on_linux_is_searched_on_path_only(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin dir"
    env = {"PATH": f"/nonexistent:{bin_dir}"}
    assert find_putty(env=env, platform="linux") is None

    exe = _program(bin_dir / "putty")
    assert find_putty(env=env, platform="linux") == exe


def test_registry_reader_is_windows_only() -> None:
    if sys.platform != "win32":
        assert read_app_path("putty.exe") is None
    else:  # on the Windows runner: a name nobody registers reads as absent, without error
        assert read_app_path("ec2nb-no-such-program.exe") is None


def test_download_page_is_https() -> None:
    assert PUTTY_DOWNLOAD_URL.startswith("https://")


# -- VS Code -----------------------------------------------------------------------------------


def test_vscode_user_install_on_windows(machine: dict[str, Path]) -> None:
    launcher = _program(machine["local"] / "Programs" / "Microsoft VS Code" / "bin" / "code.cmd")
    found = find_vscode(env=_windows_env(machine), platform="win32", app_path=_no_registry)
    assert found == launcher


def test_vscode_from_app_paths_uses_the_launcher_beside_code_exe(
    machine: dict[str, Path],
) -> None:
    folder = machine["tools"] / "VS Code"
    _program(folder / "Code.exe")
    launcher = _program(folder / "bin" / "code.cmd")
    asked: list[str] = []

    def registry(name: str) -> str:
        asked.append(name)
        return str(folder / "Code.exe")

    assert find_vscode(env=_windows_env(machine), platform="win32", app_path=registry) == launcher
    assert asked == ["Code.exe"]


def test_vscode_on_a_windows_path(machine: dict[str, Path]) -> None:
    env = _windows_env(machine, path=str(machine["tools"]))
    assert find_vscode(env=env, platform="win32", app_path=_no_registry) is None
    launcher = _program(machine["tools"] / "code.cmd")
    assert find_vscode(env=env, platform="win32", app_path=_no_registry) == launcher


@pytest.mark.skipif(sys.platform == "win32", reason="':'-separated PATH of POSIX folders")
def test_vscode_on_a_linux_path(tmp_path: Path) -> None:
    env = {"PATH": f"/nonexistent:{tmp_path / 'linux bin'}"}
    launcher = _program(tmp_path / "linux bin" / "code")
    assert find_vscode(env=env, platform="linux") == launcher


# -- starting other programs from the bundle ---------------------------------------------------


def test_child_programs_get_the_users_library_path_back(monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = {"LD_LIBRARY_PATH": "/opt/ec2nb/_internal", "LD_LIBRARY_PATH_ORIG": "/usr/lib/own"}
    assert external_program_env(bundle) == {"LD_LIBRARY_PATH": "/usr/lib/own"}

    # The user had none: in a bundle the bundle's path goes, outside a bundle it is the user's.
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert external_program_env({"LD_LIBRARY_PATH": "/opt/ec2nb/_internal", "A": "1"}) == {"A": "1"}
    monkeypatch.setattr(sys, "frozen", False)
    assert external_program_env({"LD_LIBRARY_PATH": "/mine"}) == {"LD_LIBRARY_PATH": "/mine"}


# -- the browser -------------------------------------------------------------------------------


def test_open_url_refuses_anything_but_http(caplog: pytest.LogCaptureFixture) -> None:
    opened: list[str] = []

    def opener(url: str) -> bool:
        opened.append(url)
        return True

    for url in ("file:///etc/passwd", "javascript:alert(1)", "C:\\Windows\\calc.exe", ""):
        assert open_url(url, opener=opener) is False
    assert opened == []
    assert open_url("https://example.org/lab", opener=opener) is True
    assert open_url("http://127.0.0.1:8888/lab", opener=opener) is True
    assert opened == ["https://example.org/lab", "http://127.0.0.1:8888/lab"]


def test_open_url_reports_failure_and_never_logs_the_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    token = "5f0c1d7e9a8b4c3d2e1f0a9b8c7d6e5f"
    register_secret(token)
    url = f"http://127.0.0.1:8888/lab?token={token}"

    def broken(url: str) -> bool:
        raise OSError("no browser")

    with caplog.at_level(logging.DEBUG, logger="app.core.local_tools"):
        assert open_url(url, opener=broken) is False
        assert open_url(url, opener=lambda u: False) is False
    assert "no browser" in caplog.text
    assert token not in caplog.text


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="xdg-open is the Linux opener")
def test_default_opener_runs_xdg_open_with_the_users_library_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "opened.txt"
    script = tmp_path / "bin" / "xdg-open"
    script.parent.mkdir()
    script.write_text(
        f'#!/bin/sh\nprintf "%s|%s" "$1" "$LD_LIBRARY_PATH" > "{record}.tmp"\n'
        f'mv "{record}.tmp" "{record}"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{script.parent}:/usr/bin:/bin")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/ec2nb/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/lib/own")

    assert open_url("https://example.org/lab?x=1") is True

    deadline = time.monotonic() + 10
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.02)  # a separate process, not a Qt event: poll its result file
    assert record.read_text(encoding="utf-8") == "https://example.org/lab?x=1|/usr/lib/own"


def test_no_xdg_open_falls_back_to_webbrowser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing there
    monkeypatch.setattr(local_tools.webbrowser, "open", lambda url, new=0: bool(seen.append(url)))
    assert open_url("https://example.org/") is False  # webbrowser found no browser either
    assert seen == ["https://example.org/"]


# -- per-user folders and bundled resources ----------------------------------------------------


def test_per_user_folders_under_a_non_ascii_home_with_spaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "Users" / USER / "AppData" / "Local" / "EC2 Notebook Wizard"
    monkeypatch.setenv("EC2NB_HOME", str(home))
    for folder in (paths.data_dir(), paths.log_dir(), paths.cache_dir(), paths.keys_dir()):
        assert folder.is_dir()
        assert home in folder.parents
        probe = folder / "ключ 鍵.txt"
        probe.write_text("ok", encoding="utf-8")
        assert probe.read_text(encoding="utf-8") == "ok"


@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="only Linux takes these folders from the environment; Windows asks the shell",
)
def test_per_user_folders_follow_the_platform_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EC2NB_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / USER / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / USER / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / USER / "cache"))
    for folder, kind in ((paths.data_dir(), "data"), (paths.log_dir(), "state")):
        assert (tmp_path / USER / kind) in folder.parents
        assert folder.is_dir()


def test_resources_are_found_inside_a_bundle_in_a_non_ascii_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / USER / "Desktop" / "EC2 Notebook Wizard" / "_internal"
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert paths.is_frozen()
    assert paths.resource("icons", "app.ico") == bundle / "resources" / "icons" / "app.ico"


def test_the_source_checkout_has_the_icons_the_bundle_needs() -> None:
    assert paths.resource("icons", "app.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert paths.resource("icons", "app.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
