"""Where the app keeps its files: per-user folders (platformdirs) and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app import APP_ID

_APP_AUTHOR = "EC2NotebookWizard"


def _override(name: str) -> Path | None:
    # EC2NB_HOME puts every per-user folder under one root: tests and portable installs use it.
    home = os.environ.get("EC2NB_HOME")
    return Path(home) / name if home else None


def data_dir() -> Path:
    """Journals, known host keys, generated keys (unless the user chose elsewhere)."""
    import platformdirs

    path = _override("data") or Path(platformdirs.user_data_dir(APP_ID, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """One log file per run lives here."""
    import platformdirs

    path = _override("logs") or Path(platformdirs.user_log_dir(APP_ID, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Price caches and other things that may be thrown away."""
    import platformdirs

    path = _override("cache") or Path(platformdirs.user_cache_dir(APP_ID, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def keys_dir() -> Path:
    """Default folder for private keys the wizard generates."""
    path = data_dir() / "keys"
    path.mkdir(parents=True, exist_ok=True)
    return path


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
