"""Writing key files: atomically (temp file + rename), owner-only, never silently over a key."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import WizardError
from app.core.keys import windows_acl
from app.core.keys.fingerprints import public_openssh_line
from app.core.keys.key_blobs import PrivateKey
from app.core.keys.openssh import to_openssh
from app.core.keys.ppk import to_ppk
from app.core.redact import register_secret
from app.core.sentence import QT_TRANSLATE_NOOP
from app.core.small_files import display_path

PRIVATE_MODE = 0o600
PUBLIC_MODE = 0o644
# Checked at call time (tests flip it to exercise the Windows path with a stub icacls).
_IS_WINDOWS = os.name == "nt"


@dataclass(frozen=True)
class KeyFiles:
    """The three files of a saved key: OpenSSH private, ``.pub`` line and PuTTY ``.ppk``."""

    private_path: Path
    public_path: Path
    ppk_path: Path


def _exists_error(paths: list[Path]) -> WizardError:
    names = ", ".join(str(p) for p in paths)
    return WizardError(
        QT_TRANSLATE_NOOP("core", "{names} already exists; it was left as it is.").format(
            names=names
        ),
        code="exists",
        hint=QT_TRANSLATE_NOOP("core", "Choose another name, or allow replacing it."),
    )


def _not_writable(folder: Path, exc: OSError) -> WizardError:
    reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
    return WizardError(
        QT_TRANSLATE_NOOP("core", "Cannot write to {folder}: {reason}.").format(
            folder=folder, reason=reason
        ),
        detail=repr(exc),
        code="not-writable",
    )


def _stage(path: Path, data: bytes, *, private: bool) -> Path:
    """Write ``data`` to a new temp file beside ``path`` with its final permissions."""
    folder = path.parent
    if not folder.is_dir():
        raise WizardError(
            QT_TRANSLATE_NOOP("core", "The folder {folder} does not exist.").format(folder=folder),
            code="not-writable",
        )
    try:
        # mkstemp creates the file 0600 from the start: never a moment when others could read.
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _not_writable(folder, exc) from exc
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, PRIVATE_MODE if private else PUBLIC_MODE)
        if private and _IS_WINDOWS:
            windows_acl.restrict_to_current_user(temp)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _not_writable(folder, exc) from exc
        raise
    return temp


def _check_replaceable(paths: list[Path]) -> None:
    """Refuse to replace anything but a file (or a symlink, which is replaced itself): a
    folder, a device or a FIFO named by mistake is never swapped for a key file."""
    for path in paths:
        try:
            mode = path.lstat().st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise _not_writable(path.parent, exc) from exc
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise WizardError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{path} is not a regular file (a folder or a device), so it was not replaced.",
                ).format(path=display_path(path)),
                code="not-a-file",
            )


def _backup(path: Path) -> Path | None:
    """A second name for the file at ``path`` (a hard link, else a copy), so it can be put back
    if a later file of the same save fails; None when there is nothing to keep."""
    if not os.path.lexists(path):
        return None
    backup = path.with_name(f".{path.name}.{os.getpid()}.{id(path):x}.bak")
    backup.unlink(missing_ok=True)
    try:
        if path.is_symlink():
            os.symlink(os.readlink(path), backup)
            return backup
        os.link(path, backup)
    except OSError:
        try:
            shutil.copy2(path, backup)  # no hard links here (FAT, some shares)
        except OSError as exc:
            raise _not_writable(path.parent, exc) from exc
    return backup


def _place(temp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        os.replace(temp, path)
        return
    try:
        # A hard link fails if the name exists: an atomic "create unless present".
        os.link(temp, path)
    except FileExistsError:
        raise _exists_error([path]) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV):
            raise
        # File systems without hard links (FAT, some network shares).
        if path.exists():
            raise _exists_error([path]) from None
        os.rename(temp, path)  # on Windows this refuses an existing target too


def _commit(temp: Path, path: Path, *, overwrite: bool) -> None:
    """Move the staged file into place; without ``overwrite`` never replace an existing file."""
    try:
        _place(temp, path, overwrite=overwrite)
    except FileExistsError:
        raise _exists_error([path]) from None
    except OSError as exc:
        raise _not_writable(path.parent, exc) from exc
    finally:
        temp.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable (POSIX only; Windows cannot open a folder this way).
    if _IS_WINDOWS or not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _as_bytes(text: str | bytes) -> bytes:
    return text.encode() if isinstance(text, str) else text


def write_private_file(path: Path, text: str | bytes, *, overwrite: bool = False) -> None:
    """Write a key file atomically, readable by its owner only (0600 on POSIX, an ACL for the
    current user alone on Windows). ``WizardError(code="exists")`` if ``path`` exists and
    ``overwrite`` is false; ``code="not-writable"`` when the folder cannot be written."""
    path = Path(path)
    if not overwrite and path.exists():
        raise _exists_error([path])
    _check_replaceable([path])
    _commit(_stage(path, _as_bytes(text), private=True), path, overwrite=overwrite)


def write_public_file(path: Path, text: str | bytes, *, overwrite: bool = False) -> None:
    """Like :func:`write_private_file` for a public key (readable by all, 0644)."""
    path = Path(path)
    if not overwrite and path.exists():
        raise _exists_error([path])
    _check_replaceable([path])
    _commit(_stage(path, _as_bytes(text), private=False), path, overwrite=overwrite)


def key_file_paths(path: Path) -> KeyFiles:
    """Where :func:`save_key_files` puts PATH, PATH.pub and PATH.ppk."""
    path = Path(path)
    return KeyFiles(path, path.with_name(path.name + ".pub"), path.with_name(path.name + ".ppk"))


def save_key_files(
    key: PrivateKey,
    path: Path,
    *,
    comment: str,
    ppk_version: int = 3,
    passphrase: str | None = None,
    overwrite: bool = False,
) -> KeyFiles:
    """Write PATH (OpenSSH private), PATH.pub and PATH.ppk, all or nothing: when one of them
    fails, the files placed before it are removed, or with ``overwrite`` the old ones put back."""
    register_secret(passphrase)
    files = key_file_paths(path)
    targets = [files.private_path, files.public_path, files.ppk_path]
    if not overwrite:
        existing = [p for p in targets if p.exists()]
        if existing:
            raise _exists_error(existing)
    _check_replaceable(targets)
    contents = [
        (files.private_path, to_openssh(key, comment=comment, passphrase=passphrase), True),
        (files.public_path, public_openssh_line(key, comment) + "\n", False),
        (
            files.ppk_path,
            to_ppk(key, comment=comment, version=ppk_version, passphrase=passphrase),
            True,
        ),
    ]
    staged: list[tuple[Path, Path]] = []
    backups: dict[Path, Path | None] = {}
    done: list[Path] = []
    try:
        for target, text, private in contents:
            staged.append((_stage(target, text.encode(), private=private), target))
        if overwrite:
            for target in targets:
                backups[target] = _backup(target)
        for temp, target in staged:
            _commit(temp, target, overwrite=overwrite)
            done.append(target)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        for target in done:
            _restore(target, backups.get(target))
        _drop_backups(backups)
        raise
    _drop_backups(backups)
    return files


def _restore(target: Path, backup: Path | None) -> None:
    # Best effort: a failure here must not hide the error that caused the roll-back.
    with contextlib.suppress(OSError):
        if backup is None:
            target.unlink(missing_ok=True)
        else:
            os.replace(backup, target)


def _drop_backups(backups: dict[Path, Path | None]) -> None:
    for backup in backups.values():
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink(missing_ok=True)
