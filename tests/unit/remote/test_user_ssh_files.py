"""``~/.ssh/config`` and ``~/.ssh/known_hosts`` are edited without harm to what the user keeps
there: half an entry, a symlink into a dotfiles folder, bytes that are not UTF-8, and values
that would inject directives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core.errors import WizardError
from app.core.remote.commands import remove_ssh_config_entry, write_ssh_config_entry
from app.core.remote.hostkeys import add_to_user_known_hosts

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX symlinks and modes")

INSTANCE = "i-0123456789abcdef0"
HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJdD7y3aLq454yWBdwLWbieU1ebz9/cu7/QEXn9OIeZJ"
SETTINGS = {"host": "127.0.0.2", "user": "ubuntu", "key_path": "/home/me/.ssh/k"}


def _write(config: Path, name: str = "box", **settings: str) -> str:
    return write_ssh_config_entry(
        name=name, path=config, add_host_keys=False, **{**SETTINGS, **settings}
    )


USERS_OWN = "Host work\n    HostName 10.0.0.1\n    User me\n\nHost *\n    Compression yes\n"


def test_a_begin_marker_without_its_end_leaves_the_file_unchanged(tmp_path: Path) -> None:
    config = tmp_path / "config"
    text = "# ec2nb-begin ec2nb-box (written by EC2 Notebook Wizard)\nHost ec2nb-box\n" + USERS_OWN
    config.write_text(text)
    for edit in (lambda: _write(config), lambda: remove_ssh_config_entry("box", config)):
        with pytest.raises(WizardError) as caught:
            edit()
        assert caught.value.code == "ssh-config-damaged"
        assert "ec2nb-box" in caught.value.message
        assert config.read_text() == text  # the user's own hosts are still there


def test_a_symlinked_config_stays_a_symlink_and_its_target_is_replaced_whole(
    tmp_path: Path,
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "ssh_config"
    real.write_text(USERS_OWN)
    config = tmp_path / "config"
    config.symlink_to(real)
    inode = real.stat().st_ino

    _write(config)

    assert config.is_symlink()
    assert os.readlink(config) == str(real)
    text = real.read_text()
    assert "Host ec2nb-box" in text
    assert text.endswith(USERS_OWN)
    assert real.stat().st_mode & 0o777 == 0o600
    assert real.stat().st_ino != inode  # renamed into place, never truncated and rewritten
    assert sorted(p.name for p in dotfiles.iterdir()) == ["ssh_config"]  # no temp file left


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("key_path", "/home/me/k\nProxyCommand touch /tmp/pwned"),
        ("key_path", '/home/me/k" ProxyCommand "x'),
        ("key_path", "/home/me/k\rHost *"),
        ("user", "ubuntu\n  LocalCommand id"),
        ("host", "127.0.0.2\x00"),
    ],
)
def test_a_value_that_would_inject_a_directive_is_refused(
    tmp_path: Path, field: str, value: str
) -> None:
    config = tmp_path / "config"
    config.write_text(USERS_OWN)
    with pytest.raises(WizardError) as caught:
        _write(config, **{field: value})
    assert caught.value.code == "invalid-ssh-setting"
    assert config.read_text() == USERS_OWN


def test_a_config_that_is_not_utf8_keeps_its_bytes(tmp_path: Path) -> None:
    config = tmp_path / "config"
    latin1 = "Host caf\xe9\n    User j\xfcrgen\n".encode("latin-1")
    config.write_bytes(latin1)
    _write(config)
    assert config.read_bytes().endswith(latin1)
    assert remove_ssh_config_entry("box", config) is True
    assert config.read_bytes() == latin1


def test_a_known_hosts_that_is_not_utf8_is_kept_and_rewritten_in_one_rename(
    tmp_path: Path,
) -> None:
    known = tmp_path / "known_hosts"
    other = b"caf\xe9.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOld\n"
    known.write_bytes(other + f"{INSTANCE} ssh-rsa AAAAB3old\n".encode())
    inode = known.stat().st_ino

    add_to_user_known_hosts(INSTANCE, [HOST_KEY], known)

    data = known.read_bytes()
    assert data.startswith(other)
    assert data.endswith(f"{INSTANCE} {HOST_KEY}\n".encode())
    assert b"AAAAB3old" not in data  # the alias's old key is replaced
    assert known.stat().st_ino != inode
    assert known.stat().st_mode & 0o777 == 0o600


def test_a_symlinked_known_hosts_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real_known_hosts"
    real.write_text("other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOld\n")
    link = tmp_path / "known_hosts"
    link.symlink_to(real)
    add_to_user_known_hosts(INSTANCE, [HOST_KEY], link)
    assert link.is_symlink()
    assert real.read_text().endswith(f"{INSTANCE} {HOST_KEY}\n")
