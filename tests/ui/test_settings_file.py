"""The remembered choices (profile, region, key paths) are the user's alone on disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.core.plan import LaunchPlan
from app.ui.settings import RememberedChoices

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes (Windows: the registry)")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_settings_file_is_owner_only_and_an_older_one_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    old = os.umask(0o022)
    try:
        choices = RememberedChoices(QSettings(str(path), QSettings.Format.IniFormat))
        choices.remember(LaunchPlan(profile="work", region="eu-west-1"))
        assert _mode(path) == 0o600
        choices.existing_key_path = "/home/me/keys/mine.pem"
        choices.settings.sync()  # Qt rewrites the file: it stays owner-only
        assert _mode(path) == 0o600
        path.chmod(0o644)  # as an older version left it
        again = RememberedChoices(QSettings(str(path), QSettings.Format.IniFormat))
        assert again.profile == "work"
        assert _mode(path) == 0o600
    finally:
        os.umask(old)
