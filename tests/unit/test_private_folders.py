"""The per-user folders (data, logs, cache, keys) and every file in them are the user's alone:
they name the account, ARNs, IP addresses and key paths."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.core import paths
from app.core.aws import prices
from app.core.launch.journal import LaunchJournal

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes (Windows: per-user ACLs)")


def _modes(home: Path) -> dict[str, int]:
    found = {}
    for root, dirs, files in os.walk(home):
        for name in [*dirs, *files]:
            entry = Path(root) / name
            found[str(entry.relative_to(home))] = stat.S_IMODE(entry.lstat().st_mode)
    return found


def _assert_owner_only(home: Path) -> None:
    modes = _modes(home)
    assert modes
    wide = {name: oct(mode) for name, mode in modes.items() if mode & 0o077}
    assert wide == {}


@pytest.fixture
def home() -> Path:
    """This test's EC2NB_HOME (a fresh folder, set by the autouse fixture in conftest)."""
    getattr(paths, "_tightened", set()).clear()  # each test's folders are new to the process
    return Path(os.environ["EC2NB_HOME"])


def test_folders_an_older_version_left_readable_are_tightened(
    home: Path,
) -> None:
    old = os.umask(0o022)
    try:
        for folder in ("data/launches", "data/keys", "logs", "cache/prices"):
            (home / folder).mkdir(parents=True, mode=0o755)
        (home / "logs" / "ec2nb-old.log").write_text("account 123456789012")
        (home / "data" / "launches" / "x.json").write_text("{}")
        (home / "data" / "known_hosts").write_text("")
        for entry in home.rglob("*"):
            entry.chmod(0o755 if entry.is_dir() else 0o644)
    finally:
        os.umask(old)
    paths.data_dir(), paths.log_dir(), paths.cache_dir(), paths.keys_dir()
    _assert_owner_only(home)
    assert stat.S_IMODE((home / "logs").stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "logs" / "ec2nb-old.log").stat().st_mode) == 0o600


def test_new_folders_journal_and_price_cache_are_owner_only(home: Path) -> None:
    old = os.umask(0o022)  # a usual umask: what is not asked for explicitly would be 0644
    try:
        LaunchJournal(launch_id="20260101-0000-abcdef", plan={}, region="us-east-1").save()
        prices._write_cache("us-east-1", {"g5.xlarge": 1.006}, 0.0)
        paths.keys_dir()
    finally:
        os.umask(old)
    _assert_owner_only(home)
    assert stat.S_IMODE((home / "cache" / "prices").stat().st_mode) == 0o700


def test_a_cli_run_leaves_its_log_owner_only(home: Path, tmp_path: Path) -> None:
    env = {**os.environ, "EC2NB_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); from app.cli import main; "
         "sys.exit(main(['keygen', sys.argv[1]]))", str(tmp_path / "k")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    logs = list((home / "logs").glob("ec2nb-*.log"))
    assert logs
    _assert_owner_only(home)
