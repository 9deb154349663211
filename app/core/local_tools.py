"""Programs on the user's own computer: PuTTY, VS Code and the web browser.

Every lookup takes its environment, platform and registry reader as optional arguments, so the
Windows logic (``Program Files``, the registry's App Paths, ``;``-separated PATH) is tested on
any machine; the defaults read the real ones.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import webbrowser
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePath
from urllib.parse import urlsplit

from app.core.browser import carries_secret, write_redirect_page
from app.core.program_env import external_program_env
from app.core.redact import redact

log = logging.getLogger(__name__)

PUTTY_DOWNLOAD_URL = "https://www.chiark.greenend.org.uk/~sgtatham/putty/latest.html"
VSCODE_DOWNLOAD_URL = "https://code.visualstudio.com/download"

APP_PATHS_KEY = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths"

# Given an executable's name ("putty.exe"), the default value of its App Paths key, or None.
AppPathReader = Callable[[str], str | None]
# Opens a URL in the browser; returns whether it managed to.
UrlOpener = Callable[[str], bool]


def read_app_path(exe_name: str) -> str | None:
    """The registry's App Paths entry for ``exe_name`` (per user first, then per machine)."""
    if sys.platform != "win32":
        return None
    import winreg

    for hive in (winreg.HKEY_CURRENT_USER, winreg.HKEY_LOCAL_MACHINE):
        try:
            with winreg.OpenKey(hive, rf"{APP_PATHS_KEY}\{exe_name}") as key:
                value, _kind = winreg.QueryValueEx(key, "")
        except OSError:
            continue
        if isinstance(value, str) and value.strip():
            return value
    return None


def _is_windows(platform: str | None) -> bool:
    return (platform or sys.platform) == "win32"


def _expand_windows_vars(text: str, env: Mapping[str, str]) -> str:
    """``%ProgramFiles%\\PuTTY`` -> the folder; Windows names are case-insensitive and
    unknown names stay as they are (as ``ExpandEnvironmentStrings`` does)."""
    upper = {k.upper(): v for k, v in env.items()}
    return re.sub(r"%([^%]+)%", lambda m: upper.get(m.group(1).upper(), m.group(0)), text)


def _clean_registry_path(value: str, env: Mapping[str, str]) -> str:
    # App Paths values are sometimes quoted and sometimes use REG_EXPAND_SZ variables.
    return _expand_windows_vars(value.strip().strip('"'), env)


def _env_lookup(env: Mapping[str, str], name: str, windows: bool) -> str:
    if not windows:
        return env.get(name, "")
    for key, value in env.items():
        if key.upper() == name.upper():
            return value
    return ""


def _first_file(candidates: Iterable[str]) -> Path | None:
    for candidate in candidates:
        if candidate and os.path.isfile(candidate):
            return Path(candidate)
    return None


def _join(*parts: str) -> str:
    # The host's own path rules: Windows paths on Windows; in tests on POSIX the injected
    # "Windows" folders are POSIX folders, and joining them the POSIX way keeps them usable.
    return str(PurePath(*parts))


def _on_path(names: Iterable[str], env: Mapping[str, str], windows: bool) -> list[str]:
    separator = ";" if windows else ":"
    folders = [f.strip().strip('"') for f in _env_lookup(env, "PATH", windows).split(separator)]
    return [_join(folder, name) for folder in folders if folder for name in names]


def _program_folders(env: Mapping[str, str]) -> list[str]:
    names = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
    folders = [_env_lookup(env, name, True) for name in names]
    local = _env_lookup(env, "LOCALAPPDATA", True)
    if local:
        # Per-user installs (no administrator rights) land here.
        folders.append(_join(local, "Programs"))
    return list(dict.fromkeys(f for f in folders if f))


def find_putty(
    *,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    app_path: AppPathReader = read_app_path,
) -> Path | None:
    """The PuTTY program: on PATH, then the registry's App Paths, then ``Program Files``."""
    env = os.environ if env is None else env
    windows = _is_windows(platform)
    if not windows:
        return _first_file(_on_path(["putty"], env, windows=False))
    candidates = _on_path(["putty.exe"], env, windows=True)
    registered = app_path("putty.exe")
    if registered:
        candidates.append(_clean_registry_path(registered, env))
    candidates += [_join(folder, "PuTTY", "putty.exe") for folder in _program_folders(env)]
    found = _first_file(candidates)
    log.debug("PuTTY: %s", found or "not found")
    return found


def find_vscode(
    *,
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    app_path: AppPathReader = read_app_path,
) -> Path | None:
    """VS Code's command-line launcher (``code``; ``code.cmd`` on Windows), which takes
    ``--remote ssh-remote+HOST``; ``None`` when VS Code is not installed."""
    env = os.environ if env is None else env
    windows = _is_windows(platform)
    current = platform or sys.platform
    if not windows:
        candidates = _on_path(["code"], env, windows=False)
        if current == "darwin":
            candidates.append(
                "/Applications/Visual Studio Code.app/Contents/Resources/app/bin/code"
            )
        else:
            candidates += ["/usr/share/code/bin/code", "/snap/bin/code"]
        return _first_file(candidates)
    candidates = _on_path(["code.cmd"], env, windows=True)
    registered = app_path("Code.exe")
    if registered:
        # App Paths names Code.exe; the launcher that takes arguments sits in bin\ beside it.
        exe = _clean_registry_path(registered, env)
        candidates.append(_join(str(PurePath(exe).parent), "bin", "code.cmd"))
    candidates += [
        _join(folder, "Microsoft VS Code", "bin", "code.cmd") for folder in _program_folders(env)
    ]
    return _first_file(candidates)


# xdg-open fails within this time when no program can open the page (exit 3 or 4); a browser it
# starts may keep it running for as long as the browser runs, so no longer wait than this.
XDG_OPEN_VERDICT_SECONDS = 2.0


def _reap(process: subprocess.Popen[bytes]) -> None:
    # The browser launcher may outlive us or exit at once; wait in the background so it
    # never becomes a zombie and the UI never waits for it.
    threading.Thread(target=process.wait, name="reap-browser", daemon=True).start()


def _xdg_open(url: str, env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    launcher = _first_file(_on_path(["xdg-open"], env, windows=False))
    if launcher is None:
        return False
    try:
        process = subprocess.Popen(
            [str(launcher), url],
            env=external_program_env(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        log.warning("xdg-open failed: %s", exc)
        return False
    try:
        status = process.wait(XDG_OPEN_VERDICT_SECONDS)
    except subprocess.TimeoutExpired:
        _reap(process)  # still running: it started the browser and waits for it
        return True
    if status != 0:
        # Started detached, its failure used to go unseen: "Open Notebook" did nothing.
        log.warning("xdg-open could not open the page (exit status %s)", status)
        return False
    return True


def _default_opener(url: str) -> bool:
    if sys.platform not in ("win32", "darwin") and _xdg_open(url):
        return True
    # Windows: ShellExecute through os.startfile; macOS: the `open` command.
    return bool(webbrowser.open(url, new=2))


def open_url(url: str, *, opener: UrlOpener | None = None, platform: str | None = None) -> bool:
    """Open an http(s) URL in the user's browser; ``False`` when it could not be opened.

    Other schemes are refused: a ``file:`` or ``javascript:`` link from a server response must
    not run something on this machine. A URL with a token reaches the browser through a local
    page only the user can read (:mod:`app.core.browser`), so the token is on no command line;
    on Windows, whose other users cannot read a process's command line, directly (a ``.html``
    file may open in an editor there)."""
    scheme = urlsplit(url).scheme.lower()
    shown = redact(url)  # a notebook URL carries its token
    if scheme not in ("http", "https"):
        log.warning("refused to open a %s URL: %s", scheme or "scheme-less", shown)
        return False
    target = url
    try:
        if carries_secret(url) and not _is_windows(platform):
            target = write_redirect_page(url).as_uri()
        opened = (opener or _default_opener)(target)
    except Exception as exc:  # the browser is the user's; a failure here must not crash us
        log.warning("could not open %s: %s", shown, exc)
        return False
    log.info("opened %s in the browser: %s", shown, opened)
    return opened
