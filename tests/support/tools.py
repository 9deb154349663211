"""Finding the external programs some tests need: fail in CI when missing, skip elsewhere."""

from __future__ import annotations

import os
import shutil

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
