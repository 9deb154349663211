"""Where the app keeps its files: per-user folders (platformdirs) and bundled resources."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import threading
from pathlib import Path

from app import APP_ID

_APP_AUTHOR = "EC2NotebookWizard"
#: Folders made owner-only by this process already (the walk over their files runs once).
_tightened: set[Path] = set()
_tightened_lock = threading.Lock()


def private_dir(path: Path) -> Path:
    """Create ``path`` owner-only (0700) and return it.

    Its files hold the account id, ARNs, IP addresses and key paths, so other local users must
    not read them. A folder left wider by an older version (0755, files 0644) is tightened, with
    everything in it, once per process. On Windows the per-user profile folders already are.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "nt":
        return path
    with _tightened_lock:
        if path in _tightened:
            return path
        _tightened.add(path)
    # Only a folder an older version made (0755) is walked: a 0700 one holds only files this
    # version wrote owner-only, and the walk would slow every start (the demo's sandbox is big).
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            _tighten(path)
    return path


def _tighten(folder: Path) -> None:
    for root, dirs, files in os.walk(folder):
        for name in [".", *dirs, *files]:
            entry = Path(root) / name
            with contextlib.suppress(OSError):  # vanished meanwhile, or not ours
                mode = entry.lstat().st_mode
                if stat.S_ISLNK(mode) or not mode & 0o077:
                    continue
                os.chmod(entry, 0o700 if stat.S_ISDIR(mode) else stat.S_IMODE(mode) & 0o700)


def _override(name: str) -> Path | None:
    # EC2NB_HOME puts every per-user folder under one root: tests and portable installs use it.
    home = os.environ.get("EC2NB_HOME")
    return Path(home) / name if home else None


def data_dir() -> Path:
    """Journals, known host keys, generated keys (unless the user chose elsewhere)."""
    import platformdirs

    path = _override("data") or Path(platformdirs.user_data_dir(APP_ID, _APP_AUTHOR))
    return private_dir(path)


def log_dir() -> Path:
    """One log file per run lives here."""
    import platformdirs

    path = _override("logs") or Path(platformdirs.user_log_dir(APP_ID, _APP_AUTHOR))
    return private_dir(path)


def cache_dir() -> Path:
    """Price caches and other things that may be thrown away."""
    import platformdirs

    path = _override("cache") or Path(platformdirs.user_cache_dir(APP_ID, _APP_AUTHOR))
    return private_dir(path)


def keys_dir() -> Path:
    """Default folder for private keys the wizard generates."""
    return private_dir(data_dir() / "keys")


def resources_dir() -> Path:
    """The bundled ``resources/`` folder, in a source checkout and in a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    """Path of one bundled resource file."""
    return resources_dir().joinpath(*parts)


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))
