"""Key files are written atomically, owner-only, never over an existing file by accident."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from app.core.errors import WizardError
from app.core.keys import (
    key_file_paths,
    load_private_key,
    public_openssh_line,
    save_key_files,
    write_private_file,
)
from tests.unit.keys.samples import named_key, same_key

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def unwritable_dir(tmp_path: Path) -> Path:
    """A folder this process cannot create files in (root ignores modes: use /sys then)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except PermissionError:
        return folder
    return Path("/sys")


def test_private_file_is_0600_even_with_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        write_private_file(tmp_path / "key", "secret text")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "key") == 0o600
    assert (tmp_path / "key").read_text() == "secret text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key"]  # no temp file left


def test_existing_file_is_never_replaced_without_the_flag(tmp_path: Path) -> None:
    target = tmp_path / "key"
    target.write_text("precious")
    with pytest.raises(WizardError) as caught:
        write_private_file(target, "new")
    assert caught.value.code == "exists"
    assert target.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key"]

    write_private_file(target, b"new", overwrite=True)
    assert target.read_text() == "new"
    assert _mode(target) == 0o600


def test_unwritable_folder_is_reported_and_leaves_nothing(unwritable_dir: Path) -> None:
    before = set(os.listdir(unwritable_dir))
    with pytest.raises(WizardError) as caught:
        write_private_file(unwritable_dir / "key", "x")
    assert caught.value.code == "not-writable"
    assert str(unwritable_dir) in caught.value.message
    assert set(os.listdir(unwritable_dir)) == before


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(WizardError) as caught:
        write_private_file(tmp_path / "no" / "such" / "key", "x")
    assert caught.value.code == "not-writable"
    assert not (tmp_path / "no").exists()


def test_save_key_files_writes_three_consistent_files(tmp_path: Path) -> None:
    key = named_key("ed25519")
    files = save_key_files(key, tmp_path / "launch-1", comment="ec2nb launch-1", ppk_version=2)

    assert files == key_file_paths(tmp_path / "launch-1")
    assert (files.private_path.name, files.public_path.name, files.ppk_path.name) == (
        "launch-1",
        "launch-1.pub",
        "launch-1.ppk",
    )
    assert _mode(files.private_path) == 0o600
    assert _mode(files.ppk_path) == 0o600
    assert _mode(files.public_path) == 0o644
    assert files.public_path.read_text() == public_openssh_line(key, "ec2nb launch-1") + "\n"
    assert same_key(load_private_key(files.private_path).key, key)
    ppk = load_private_key(files.ppk_path)
    assert (ppk.source_format, ppk.comment) == ("ppk2", "ec2nb launch-1")


def test_save_key_files_with_passphrase_encrypts_both_private_files(tmp_path: Path) -> None:
    files = save_key_files(named_key("p256"), tmp_path / "k", comment="c", passphrase="pw")
    for path in (files.private_path, files.ppk_path):
        with pytest.raises(WizardError) as caught:
            load_private_key(path)
        assert caught.value.code == "passphrase-needed"
        assert load_private_key(path, "pw").encrypted


def test_save_key_files_refuses_when_any_file_exists(tmp_path: Path) -> None:
    (tmp_path / "k.ppk").write_text("old putty key")
    with pytest.raises(WizardError) as caught:
        save_key_files(named_key("ed25519"), tmp_path / "k", comment="c")
    assert caught.value.code == "exists"
    assert "k.ppk" in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.ppk"]
    assert (tmp_path / "k.ppk").read_text() == "old putty key"


def test_save_key_files_never_replaces_a_folder(tmp_path: Path) -> None:
    # A folder where the .ppk should go is refused before any file is written.
    (tmp_path / "k.ppk").mkdir()
    with pytest.raises(WizardError) as caught:
        save_key_files(named_key("ed25519"), tmp_path / "k", comment="c", overwrite=True)
    assert caught.value.code == "not-a-file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.ppk"]
