"""Fingerprints as OpenSSH prints them and as EC2 shows them (checked against openssl)."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from app.core.errors import WizardError
from app.core.keys import (
    describe,
    ec2_fingerprint,
    fingerprints_match,
    generate_key,
    public_openssh_line,
    sha256_fingerprint,
)
from tests.support.tools import require_tool
from tests.unit.keys.samples import named_key, rsa_key_p_below_q, write


def _openssl_digest(tmp_path: Path, pipeline: list[list[str]]) -> str:
    """Run ``a | b`` and return the colon hex after ``= `` (``openssl md5 -c`` output)."""
    data = b""
    for command in pipeline:
        result = subprocess.run(command, input=data, capture_output=True, timeout=60, check=True)
        data = result.stdout
    return data.decode().strip().split("= ")[-1]


def _pkcs1(tmp_path: Path, key: object) -> Path:
    text = key.private_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return write(tmp_path / "key.pem", text)


@pytest.mark.parametrize("name", ["rsa2048", "rsa-p-below-q"])
def test_rsa_created_by_ec2_is_sha1_of_pkcs8_der(tmp_path: Path, name: str) -> None:
    openssl = require_tool("openssl", "openssl")
    key = rsa_key_p_below_q(1024) if name == "rsa-p-below-q" else named_key(name)
    pem = _pkcs1(tmp_path, key)
    expected = _openssl_digest(
        tmp_path,
        [
            [openssl, "pkcs8", "-topk8", "-nocrypt", "-in", str(pem), "-outform", "DER"],
            [openssl, "sha1", "-c"],
        ],
    )
    assert ec2_fingerprint(key, created_by_aws=True) == expected  # type: ignore[arg-type]
    assert len(expected.split(":")) == 20


def test_rsa_imported_into_ec2_is_md5_of_public_der(tmp_path: Path) -> None:
    openssl = require_tool("openssl", "openssl")
    key = named_key("rsa2048")
    pem = _pkcs1(tmp_path, key)
    expected = _openssl_digest(
        tmp_path,
        [
            [openssl, "rsa", "-in", str(pem), "-pubout", "-outform", "DER"],
            [openssl, "md5", "-c"],
        ],
    )
    assert ec2_fingerprint(key, created_by_aws=False) == expected
    assert ec2_fingerprint(key.public_key(), created_by_aws=False) == expected  # type: ignore[union-attr]


def test_ed25519_is_padded_base64_sha256_either_way(tmp_path: Path) -> None:
    ssh_keygen = require_tool("ssh-keygen", "openssh-client")
    key = named_key("ed25519")
    pub = write(tmp_path / "key.pub", public_openssh_line(key, "c") + "\n")
    printed = subprocess.run(
        [ssh_keygen, "-l", "-f", str(pub)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()[1]
    ours = ec2_fingerprint(key, created_by_aws=True)
    assert ours == ec2_fingerprint(key, created_by_aws=False)
    assert ours.endswith("=")  # EC2 keeps the base64 padding, ssh-keygen drops it
    assert len(base64.b64decode(ours)) == 32
    assert printed == sha256_fingerprint(key)
    assert fingerprints_match(ours, printed)


@pytest.mark.parametrize("name", ["rsa1024", "p256", "p521", "ed25519"])
def test_sha256_fingerprint_matches_ssh_keygen_for_keys_blobs_and_lines(
    tmp_path: Path, name: str
) -> None:
    ssh_keygen = require_tool("ssh-keygen", "openssh-client")
    key = named_key(name)
    line = public_openssh_line(key, "comment with spaces")
    pub = write(tmp_path / "key.pub", line + "\n")
    printed = subprocess.run(
        [ssh_keygen, "-l", "-f", str(pub)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()[1]
    assert sha256_fingerprint(key) == printed
    assert sha256_fingerprint(key.public_key()) == printed
    assert sha256_fingerprint(line) == printed
    assert sha256_fingerprint(base64.b64decode(line.split()[1])) == printed


def test_ecdsa_cannot_be_an_ec2_key_pair() -> None:
    with pytest.raises(WizardError) as caught:
        ec2_fingerprint(named_key("p256"), created_by_aws=False)
    assert caught.value.code == "unsupported-key-type"


def test_created_rsa_fingerprint_needs_the_private_key() -> None:
    with pytest.raises(WizardError):
        ec2_fingerprint(named_key("rsa1024").public_key(), created_by_aws=True)  # type: ignore[arg-type]


def test_fingerprint_spellings_match_only_the_same_key() -> None:
    assert fingerprints_match("SHA256:abcDEF", "abcDEF=")
    assert fingerprints_match("AA:bb:01", "aa:BB:01")
    assert not fingerprints_match("SHA256:abcDEF", "SHA256:abcdef")
    assert not fingerprints_match("aa:bb", "aa:bc")
    assert not fingerprints_match("", "")


def test_public_line_and_description() -> None:
    key = named_key("ed25519")
    assert public_openssh_line(key).startswith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5")
    assert public_openssh_line(key, "  two\nwords ").endswith(" two words")
    assert describe(named_key("rsa2056")) == "RSA 2056"
    assert describe(named_key("p384")) == "ECDSA P-384"
    assert describe(key) == "Ed25519"


def test_generated_keys_are_ed25519_by_default_and_rsa_4096() -> None:
    assert describe(generate_key()) == "Ed25519"
    with pytest.raises(WizardError) as caught:
        generate_key("dsa")
    assert caught.value.code == "unsupported-key-type"


def test_ec2_fingerprints_survive_the_p_q_order_ppk_imposes() -> None:
    from app.core.keys import ec2_fingerprints, load_private_key, to_ppk

    original = rsa_key_p_below_q(1024)  # as some tools write a .pem
    via_ppk = load_private_key(to_ppk(original, comment="c")).key
    aws_shows = ec2_fingerprint(original, created_by_aws=True)
    assert ec2_fingerprint(via_ppk, created_by_aws=True) != aws_shows  # order lost in .ppk
    assert aws_shows in ec2_fingerprints(via_ppk)
    assert ec2_fingerprint(original, created_by_aws=False) in ec2_fingerprints(via_ppk)
    assert ec2_fingerprints(named_key("ed25519")) == [
        ec2_fingerprint(named_key("ed25519"), created_by_aws=True)
    ]
