"""Reading small files the user names (keys, passphrases) without trusting what they are.

A path may name a folder, a FIFO that nobody writes (reading it hangs), a device such as
``/dev/zero`` (reading it never ends) or a symlink to one. Only a regular file is read, and at
most ``limit + 1`` bytes of it, so a huge or growing file cannot exhaust memory either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.core.errors import WizardError
from app.core.redact import printable
from app.core.sentence import QT_TRANSLATE_NOOP

# Opening a FIFO for reading waits for a writer; O_NONBLOCK returns at once (POSIX only).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def display_path(path: Path | str) -> str:
    """``path`` as printable text: bytes that are not UTF-8 (possible in Linux file names)
    shown as ``\\xNN`` instead of lone surrogates, which cannot be printed or logged."""
    return printable(os.fspath(path))


def _a_folder(name: str, code: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP("core", "{source} is a folder, not a file.").format(source=name),
        code=code,
    )


def _cannot_read(name: str, exc: OSError) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP("core", "{source} cannot be read: {reason}.").format(
            source=name, reason=exc.strerror
        ),
        detail=repr(exc),
        code="cannot-read",
    )


def read_small_file(source: Path, *, limit: int, refused_code: str = "not-a-file") -> bytes:
    """The bytes of the regular file ``source`` (symlinks followed), at most ``limit`` of them.

    Raises ``WizardError``: ``not-found``, ``cannot-read``, and ``refused_code`` for a folder,
    a device, a FIFO or socket, or a file bigger than ``limit``.
    """
    name = display_path(source)
    try:
        fd = os.open(source, _OPEN_FLAGS)
    except FileNotFoundError:
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "There is no file {source}.").format(source=name),
            code="not-found",
        ) from None
    except IsADirectoryError:
        raise _a_folder(name, refused_code) from None
    except PermissionError:
        if Path(source).is_dir():  # Windows refuses to open a folder this way
            raise _a_folder(name, refused_code) from None
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "{source} cannot be read (permission denied).").format(
                source=name
            ),
            code="cannot-read",
        ) from None
    except OSError as exc:
        raise _cannot_read(name, exc) from exc
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _a_folder(name, refused_code)
        if not stat.S_ISREG(info.st_mode):
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{source} is not a regular file (it is a device, a pipe or a socket), "
                    "so it was not read.",
                ).format(source=name),
                code=refused_code,
            )
        if info.st_size > limit:
            raise _too_big(name, info.st_size, limit, refused_code)
        data = _read_up_to(fd, limit + 1)
    except OSError as exc:
        raise _cannot_read(name, exc) from exc
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew after fstat, or it lies about its size (/proc)
        raise _too_big(name, len(data), limit, refused_code)
    return data


def _too_big(name: str, size: int, limit: int, code: str) -> WizardError:
    return WizardError(
        QT_TRANSLATE_NOOP(
            "core",
            "{source} is too big ({size} bytes); a file this big is not read (the "
            "limit is {limit} bytes).",
        ).format(source=name, size=size, limit=limit),
        code=code,
    )


def _read_up_to(fd: int, count: int) -> bytes:
    parts: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(fd, min(left, 65536))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)
