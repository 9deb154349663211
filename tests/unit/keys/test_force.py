"""``--force`` replaces key files, but never loses the old key when the save fails half way and
never replaces a folder or a device."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.cli import main
from app.core.errors import WizardError
from app.core.keys import files as key_files
from app.core.keys import load_private_key, save_key_files, to_openssh
from tests.unit.keys.samples import named_key, same_key, write

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file types")


def _old_key_files(tmp_path: Path) -> dict[str, bytes]:
    old = named_key("p256")
    write(tmp_path / "k", to_openssh(old, comment="old"))
    write(tmp_path / "k.pub", "ecdsa-sha2-nistp256 AAAA old\n")
    return {"k": (tmp_path / "k").read_bytes(), "k.pub": (tmp_path / "k.pub").read_bytes()}


def test_keygen_force_with_a_folder_in_the_way_keeps_the_old_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _old_key_files(tmp_path)
    (tmp_path / "k.ppk").mkdir()

    assert main(["keygen", str(tmp_path / "k"), "--force"]) == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "k.ppk is not a regular file" in err
    assert (tmp_path / "k").read_bytes() == before["k"]
    assert (tmp_path / "k.pub").read_bytes() == before["k.pub"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k", "k.ppk", "k.pub"]


def test_a_failure_after_two_files_are_replaced_puts_the_old_ones_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a .ppk held open by PuTTY on Windows does: its replacement fails, after the private
    # and public files were already replaced.
    before = _old_key_files(tmp_path)
    write(tmp_path / "k.ppk", "old putty key")
    real_replace = os.replace

    def locked(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "k.ppk":
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(key_files.os, "replace", locked)
    with pytest.raises(WizardError) as caught:
        save_key_files(named_key("ed25519"), tmp_path / "k", comment="new", overwrite=True)

    assert caught.value.code == "not-writable"
    assert (tmp_path / "k").read_bytes() == before["k"]
    assert (tmp_path / "k.pub").read_bytes() == before["k.pub"]
    assert (tmp_path / "k.ppk").read_text() == "old putty key"
    assert same_key(load_private_key(tmp_path / "k").key, named_key("p256"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k", "k.ppk", "k.pub"]  # no backups


def test_a_successful_force_leaves_no_backup_behind(tmp_path: Path) -> None:
    _old_key_files(tmp_path)
    save_key_files(named_key("ed25519"), tmp_path / "k", comment="new", overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k", "k.ppk", "k.pub"]
    assert same_key(load_private_key(tmp_path / "k").key, named_key("ed25519"))


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_convert_key_force_never_replaces_a_non_regular_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    source = write(tmp_path / "in.pem", to_openssh(named_key("ed25519")))
    out = tmp_path / "out"
    if kind == "folder":
        out.mkdir()
    elif kind == "fifo":
        os.mkfifo(out)
    else:
        # A device node of our own (a copy of /dev/null's numbers): never the system's one.
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(out, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    kind_before = stat.S_IFMT(out.lstat().st_mode)

    assert main(["convert-key", str(source), "-o", str(out), "--force"]) == 1

    assert stat.S_IFMT(out.lstat().st_mode) == kind_before
    err = capsys.readouterr().err
    assert "is not a regular file" in err
    assert err.count("\n") == 1, err
