"""The user's web browser: is there one, and opening a URL without its token on a command line.

A browser is started with the URL as an argument (``xdg-open URL``, then ``firefox URL``), and
every local user can read other users' command lines (``ps``, ``/proc/PID/cmdline``): a
notebook URL with ``?token=`` there hands the notebook to them. As Jupyter does
(``jupyter_server``'s ``browser_open_file``), the browser gets a local HTML page readable by the
user alone that sends it on to the URL; only the page's path is on the command line.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# Pages older than this are removed when the next one is written: the browser read its page
# long before (it follows the redirect at once), and each page holds a token.
PAGE_LIFETIME_SECONDS = 300

# (argv, env) -> (exit status, stdout); a test hands in its own.
Runner = Callable[[Sequence[str], Mapping[str, str]], tuple[int, str]]

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url={url}">
<title>Opening your notebook</title>
</head>
<body>
<p>Opening your notebook. If nothing happens, <a href="{url}">click here</a>.</p>
</body>
</html>
"""


_TOKEN = re.compile(r"(token=)[^&#]+")
HIDDEN = "•" * 8


def hide_token(url: str) -> str:
    """``...?token=abc`` -> ``...?token=••••••••``: safe on a shared screen or in scroll-back."""
    return _TOKEN.sub(lambda m: m.group(1) + HIDDEN, url)


def carries_secret(url: str) -> bool:
    """True for a URL whose query holds a token (a notebook URL)."""
    return "token" in parse_qs(urlsplit(url).query)


def pages_dir() -> Path:
    from app.core.paths import data_dir

    return data_dir() / "browser"


def write_redirect_page(url: str, folder: Path | None = None) -> Path:
    """A new HTML page, readable by the user alone (0600 in a 0700 folder), that sends the
    browser on to ``url``; older pages are removed."""
    folder = folder or pages_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)  # an older folder may have been made with the umask's mode
    _remove_old_pages(folder)
    text = _PAGE.format(url=html.escape(url, quote=True))
    path = folder / f"open-{os.getpid()}-{time.monotonic_ns()}.html"
    # O_EXCL with mode 0600: the file is never readable by others, not even for a moment.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as page:
        page.write(text)
    return path


def _remove_old_pages(folder: Path) -> None:
    cutoff = time.time() - PAGE_LIFETIME_SECONDS
    for page in folder.glob("open-*.html"):
        with contextlib.suppress(OSError):
            if page.stat().st_mtime < cutoff:
                page.unlink()


def _run(argv: Sequence[str], env: Mapping[str, str]) -> tuple[int, str]:
    from app.core.program_env import external_program_env

    try:
        done = subprocess.run(
            list(argv),
            env=external_program_env(env),
            capture_output=True,
            text=True,
            timeout=10,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return 1, ""
    return done.returncode, done.stdout


def find_browser(
    *, env: Mapping[str, str] | None = None, platform: str | None = None, run: Runner = _run
) -> str | None:
    """The browser a URL would open in, by name (``firefox.desktop``), or ``None`` when this
    computer has none set. Windows and macOS always have one (``"default"``); on Linux the
    ``BROWSER`` variable, else the desktop's default (``xdg-settings``, ``xdg-mime`` for
    https links and for HTML files, which is what the redirect page is)."""
    env = os.environ if env is None else env
    if (platform or sys.platform) in ("win32", "darwin"):
        return "default"
    chosen = env.get("BROWSER", "").split(os.pathsep)[0].strip()
    if chosen:
        return chosen
    path = env.get("PATH", "")
    questions = (
        ("xdg-settings", "get", "default-web-browser"),
        ("xdg-mime", "query", "default", "x-scheme-handler/https"),
        ("xdg-mime", "query", "default", "text/html"),
    )
    for program, *args in questions:
        found = shutil.which(program, path=path)
        if found is None:
            continue
        status, output = run([found, *args], env)
        answer = output.strip()
        if status == 0 and answer:
            return answer.splitlines()[0]
    return None
