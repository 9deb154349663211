"""PuTTY .ppk files: layout, reading PuTTYgen's files, and every way a file can be wrong."""

from __future__ import annotations

import re

import pytest
from cryptography.hazmat.primitives.kdf import argon2

from app.core.errors import WizardError
from app.core.keys import (
    Argon2Params,
    load_private_key,
    public_openssh_line,
    to_ppk,
)
from tests.unit.keys import vectors
from tests.unit.keys.samples import named_key, same_key

FAST_KDF = Argon2Params(memory_kib=64, passes=1)


def _code(source: str, passphrase: str | None = None) -> str:
    with pytest.raises(WizardError) as caught:
        load_private_key(source, passphrase)
    assert caught.value.message  # a sentence for the person, not an empty string
    return caught.value.code


@pytest.mark.parametrize(
    ("text", "version"), [(vectors.PPK_V3_ARGON2I, "ppk3"), (vectors.PPK_V2_ENCRYPTED, "ppk2")]
)
def test_puttygen_files_load_with_their_passphrase(text: str, version: str) -> None:
    loaded = load_private_key(text, vectors.PASSPHRASE)

    assert public_openssh_line(loaded.key, loaded.comment) == vectors.PUBLIC_LINE
    assert (loaded.source_format, loaded.encrypted) == (version, True)
    assert same_key(loaded.key, load_private_key(vectors.OPENSSH).key)


def test_puttygen_v2_file_is_reproduced_byte_for_byte() -> None:
    key = load_private_key(vectors.OPENSSH).key
    assert (
        to_ppk(key, comment="vector key", version=2, passphrase=vectors.PASSPHRASE)
        == vectors.PPK_V2_ENCRYPTED
    )


def test_puttygen_v3_file_is_reproduced_with_its_salt() -> None:
    key = load_private_key(vectors.OPENSSH).key
    salt = bytes.fromhex(re.search(r"Argon2-Salt: (\w+)", vectors.PPK_V3_ARGON2I).group(1))  # type: ignore[union-attr]
    kdf = Argon2Params("Argon2i", memory_kib=1024, passes=2, parallelism=1, salt=salt)
    assert (
        to_ppk(key, comment="vector key", passphrase=vectors.PASSPHRASE, kdf=kdf)
        == vectors.PPK_V3_ARGON2I
    )


def test_v3_encrypted_layout_is_puttys() -> None:
    text = to_ppk(named_key("rsa2048"), comment="c", passphrase="pw", kdf=FAST_KDF)
    names = [line.split(":")[0] for line in text.splitlines() if ": " in line]
    assert names == [
        "PuTTY-User-Key-File-3",
        "Encryption",
        "Comment",
        "Public-Lines",
        "Key-Derivation",
        "Argon2-Memory",
        "Argon2-Passes",
        "Argon2-Parallelism",
        "Argon2-Salt",
        "Private-Lines",
        "Private-MAC",
    ]
    assert "\r" not in text
    assert text.endswith("\n")
    body = [line for line in text.splitlines() if ": " not in line]
    assert all(len(line) <= 64 for line in body)
    assert len(body[0]) == 64
    assert re.search(r"Argon2-Salt: [0-9a-f]{32}\n", text)


def test_each_encryption_uses_a_fresh_salt() -> None:
    key = named_key("ed25519")
    first = to_ppk(key, comment="c", passphrase="pw", kdf=None)
    second = to_ppk(key, comment="c", passphrase="pw", kdf=None)
    assert first != second
    assert "Key-Derivation: Argon2id\nArgon2-Memory: 8192\n" in first


def test_empty_passphrase_means_unencrypted_as_in_puttygen() -> None:
    key = named_key("p256")
    assert to_ppk(key, comment="c", passphrase="") == to_ppk(key, comment="c")
    assert "Encryption: none" in to_ppk(key, comment="c", passphrase="")


def test_line_breaks_in_a_comment_cannot_break_the_file() -> None:
    text = to_ppk(named_key("ed25519"), comment="two\nlines\r\n")
    assert load_private_key(text).comment == "two lines  "


@pytest.mark.parametrize("version", [2, 3])
def test_encrypted_file_without_passphrase_asks_for_one(version: int) -> None:
    text = to_ppk(named_key("ed25519"), comment="c", version=version, passphrase="pw", kdf=FAST_KDF)
    assert _code(text) == "passphrase-needed"


@pytest.mark.parametrize("version", [2, 3])
def test_wrong_passphrase_is_reported_as_such(version: int) -> None:
    text = to_ppk(named_key("rsa1024"), comment="c", version=version, passphrase="pw", kdf=FAST_KDF)
    assert _code(text, "wrong") == "wrong-passphrase"


@pytest.mark.parametrize("version", [2, 3])
@pytest.mark.parametrize("encrypted", [False, True])
def test_edited_comment_is_tampering_not_a_wrong_passphrase(version: int, encrypted: bool) -> None:
    passphrase = "pw" if encrypted else None
    text = to_ppk(
        named_key("p384"), comment="mine", version=version, passphrase=passphrase, kdf=FAST_KDF
    )
    edited = text.replace("Comment: mine", "Comment: yours")
    assert _code(edited, passphrase) == "tampered-ppk"


def test_swapped_public_key_is_tampering() -> None:
    ours = to_ppk(named_key("ed25519"), comment="c").splitlines()
    other = to_ppk(load_private_key(vectors.OPENSSH).key, comment="c").splitlines()
    # Public-Lines and its two lines come from another key; private half and MAC stay.
    forged = "\n".join(ours[:4] + other[4:6] + ours[6:]) + "\n"
    assert _code(forged) == "tampered-ppk"


def test_flipped_private_byte_in_unencrypted_file_is_tampering() -> None:
    lines = to_ppk(named_key("rsa1024"), comment="c").splitlines()
    index = lines.index(next(line for line in lines if line.startswith("Private-Lines"))) + 1
    first = lines[index]
    lines[index] = ("B" if first[0] != "B" else "C") + first[1:]
    assert _code("\n".join(lines) + "\n") == "tampered-ppk"


@pytest.mark.parametrize("keep", [0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
@pytest.mark.parametrize("encrypted", [False, True])
def test_truncated_file_is_corrupt(keep: float, encrypted: bool) -> None:
    passphrase = "pw" if encrypted else None
    text = to_ppk(named_key("rsa2048"), comment="c", passphrase=passphrase, kdf=FAST_KDF)
    assert _code(text[: int(len(text) * keep)], passphrase) == "corrupt-key"


def test_unknown_key_derivation_is_unsupported_kdf() -> None:
    text = vectors.PPK_V3_ARGON2I.replace("Key-Derivation: Argon2i", "Key-Derivation: scrypt")
    with pytest.raises(WizardError) as caught:
        load_private_key(text, vectors.PASSPHRASE)
    assert caught.value.code == "unsupported-kdf"
    assert "scrypt" in caught.value.message
    assert "PuTTYgen" in caught.value.hint


def test_argon2_flavour_missing_from_cryptography_is_unsupported_kdf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Older cryptography releases have Argon2id only: reading an Argon2i file must say why.
    monkeypatch.delattr(argon2, "Argon2i")
    with pytest.raises(WizardError) as caught:
        load_private_key(vectors.PPK_V3_ARGON2I, vectors.PASSPHRASE)
    assert caught.value.code == "unsupported-kdf"
    assert "Argon2i" in caught.value.message


def test_version_1_files_are_refused_clearly() -> None:
    text = vectors.PPK_V2_ENCRYPTED.replace("File-2", "File-1")
    assert _code(text, vectors.PASSPHRASE) == "unsupported-key-type"


def test_dsa_ppk_is_unsupported() -> None:
    text = vectors.PPK_V2_ENCRYPTED.replace("File-2: ssh-ed25519", "File-2: ssh-dss")
    with pytest.raises(WizardError) as caught:
        load_private_key(text, vectors.PASSPHRASE)
    assert caught.value.code == "unsupported-key-type"
    assert "DSA" in caught.value.message


def test_bad_ppk_version_argument_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="version"):
        to_ppk(named_key("ed25519"), comment="c", version=4)


@pytest.mark.parametrize("name", ["ed25519", "p256", "p521", "rsa1024"])
@pytest.mark.parametrize("version", [2, 3])
def test_windows_line_endings_and_bom_are_accepted(name: str, version: int) -> None:
    text = to_ppk(named_key(name), comment="c", version=version, passphrase="pw", kdf=FAST_KDF)
    windows = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    assert same_key(load_private_key(windows, "pw").key, named_key(name))


def test_comment_header_trimmed_by_an_editor_still_loads() -> None:
    text = to_ppk(named_key("ed25519"), comment="")
    assert "Comment: \n" in text
    loaded = load_private_key(text.replace("Comment: \n", "Comment:\n"))
    assert same_key(loaded.key, named_key("ed25519"))
