"""Editing the user's own text files (``~/.ssh/config``, ``~/.ssh/known_hosts``) safely.

These files belong to the user and other tools: they may hold bytes that are not UTF-8, be a
symlink into a dotfiles repository, or be read by ssh at any moment. So they are read as bytes
and every byte is written back unchanged (surrogateescape), the link is kept (the file it
points to is replaced), and the new text replaces the old in one rename, never truncated first.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from app.core.small_files import read_small_file

# Far above any real ssh config or known_hosts file; a bigger one is not read into memory.
MAX_USER_FILE_BYTES = 16 * 1024 * 1024


def read_user_text(path: Path) -> str | None:
    """The text of ``path`` (None when it does not exist); bytes that are not UTF-8 are kept
    as surrogates so :func:`write_user_text` writes them back as they were."""
    if not os.path.exists(path):  # missing, or a symlink to a file not made yet
        return None
    data = read_small_file(path, limit=MAX_USER_FILE_BYTES)
    return data.decode("utf-8", "surrogateescape")


def write_user_text(path: Path, text: str, *, mode: int = 0o600) -> None:
    """Replace the file ``path`` names (through any symlink) with ``text`` in one rename,
    readable and writable by the user only (ssh refuses such files when others can write)."""
    real = Path(os.path.realpath(path))
    real.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(text.encode("utf-8", "surrogateescape"))
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, mode)
        os.replace(temp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
