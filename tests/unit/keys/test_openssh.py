"""Our OpenSSH private key files are ones OpenSSH itself and cryptography accept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import load_ssh_private_key

from app.core.keys import public_openssh_line, to_openssh
from app.core.keys.ssh_wire import WireReader, mpint
from tests.support.tools import require_tool
from tests.unit.keys.samples import named_key, same_key, write


@pytest.mark.parametrize("name", ["ed25519", "p256", "p384", "p521", "rsa2048"])
@pytest.mark.parametrize("passphrase", [None, "open sesame"])
def test_ssh_keygen_reads_our_files(tmp_path: Path, name: str, passphrase: str | None) -> None:
    ssh_keygen = require_tool("ssh-keygen", "openssh-client")
    key = named_key(name)
    path = write(tmp_path / "id", to_openssh(key, comment="me@here", passphrase=passphrase))
    result = subprocess.run(
        [ssh_keygen, "-y", "-P", passphrase or "", "-f", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == public_openssh_line(key, "me@here")


@pytest.mark.parametrize("name", ["ed25519", "p521", "rsa1024"])
def test_cryptography_reads_our_encrypted_files(name: str) -> None:
    key = named_key(name)
    text = to_openssh(key, passphrase="pw")
    assert same_key(load_ssh_private_key(text.encode(), b"pw"), key)  # type: ignore[arg-type]


def test_layout_matches_ssh_keygen() -> None:
    text = to_openssh(named_key("ed25519"), comment="c")
    lines = text.splitlines()
    assert lines[0] == "-----BEGIN OPENSSH PRIVATE KEY-----"
    assert lines[-1] == "-----END OPENSSH PRIVATE KEY-----"
    assert {len(line) for line in lines[1:-2]} == {70}


def test_mpint_encoding_follows_rfc_4251() -> None:
    # The examples of RFC 4251 section 5.
    assert mpint(0) == bytes.fromhex("00000000")
    assert mpint(0x9A378F9B2E332A7) == bytes.fromhex("0000000809a378f9b2e332a7")
    assert mpint(0x80) == bytes.fromhex("000000020080")
    reader = WireReader(bytes.fromhex("0000000809a378f9b2e332a7"))
    assert reader.mpint() == 0x9A378F9B2E332A7
    assert reader.remaining == 0
