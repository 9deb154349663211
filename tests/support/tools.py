"""External programs in tests: find the ones a test needs (fail in CI when missing, skip
elsewhere), or put stand-ins on PATH in their place."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

# sshd lives in sbin, which is not on a normal user's PATH.
_EXTRA_PATH = ("/usr/sbin", "/sbin", "/usr/local/sbin")


def require_tool(name: str, package: str) -> str:
    """Path of ``name``; in CI a missing tool fails the test instead of skipping it."""
    search = os.pathsep.join([os.environ.get("PATH", ""), *_EXTRA_PATH])
    path = shutil.which(name, path=search)
    if path:
        return path
    message = f"{name} is not installed (Debian package {package})"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must install it", pytrace=False)
    pytest.skip(message)


def only_programs(folder: Path, monkeypatch: pytest.MonkeyPatch, **scripts: str) -> None:
    """Only these programs on PATH, as shell scripts (``xdg_open="exit 3"`` is ``xdg-open``);
    shell built-ins in them, so nothing else is needed. ``BROWSER`` is unset."""
    folder.mkdir()
    for name, body in scripts.items():
        path = folder / name.replace("_", "-")
        path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.delenv("BROWSER", raising=False)
