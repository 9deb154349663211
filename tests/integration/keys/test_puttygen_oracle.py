"""The real PuTTYgen 0.78 is the oracle for .ppk files, in both directions."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.core.errors import WizardError
from app.core.keys import Argon2Params, load_private_key, to_openssh, to_pem, to_ppk
from tests.unit.keys.samples import (
    KEY_NAMES,
    ec_key_with_high_bit,
    named_key,
    pem_for_puttygen,
    rsa_key_p_below_q,
    same_key,
    write,
)

COMMENT = "ec2nb oracle key"
PASSPHRASE = "correct horse battery staple"


def run(puttygen: str, *args: str | Path) -> str:
    """Run PuTTYgen; fail the test with its message if it fails."""
    result = subprocess.run(
        [puttygen, *map(str, args)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    return write(tmp_path / "passphrase.txt", PASSPHRASE + "\n")


@pytest.fixture
def empty_passphrase_file(tmp_path: Path) -> Path:
    return write(tmp_path / "empty.txt", "")


def _version_args(version: int) -> list[str]:
    return ["--ppk-param", f"version={version}"]


@pytest.mark.parametrize("version", [3, 2])
@pytest.mark.parametrize("name", KEY_NAMES)
def test_unencrypted_ppk_is_byte_identical_to_puttygen(
    puttygen: str, tmp_path: Path, name: str, version: int
) -> None:
    key = named_key(name)
    source = write(tmp_path / "key.pem", pem_for_puttygen(key))
    theirs = tmp_path / "theirs.ppk"
    run(puttygen, source, "-O", "private", "-C", COMMENT, *_version_args(version), "-o", theirs)
    ours = to_ppk(load_private_key(source).key, comment=COMMENT, version=version)
    assert ours.encode() == theirs.read_bytes()


@pytest.mark.parametrize("version", [3, 2])
def test_rsa_key_with_p_below_q_is_reordered_as_puttygen_does(
    puttygen: str, tmp_path: Path, version: int
) -> None:
    key = rsa_key_p_below_q(1024)
    assert key.private_numbers().p < key.private_numbers().q
    source = write(tmp_path / "key.pem", pem_for_puttygen(key))
    theirs = tmp_path / "theirs.ppk"
    run(puttygen, source, "-O", "private", "-C", COMMENT, *_version_args(version), "-o", theirs)
    assert to_ppk(key, comment=COMMENT, version=version).encode() == theirs.read_bytes()


def test_non_ascii_comment_is_byte_identical(puttygen: str, tmp_path: Path) -> None:
    comment = "clé de Zoë 研究"
    source = write(tmp_path / "key.pem", pem_for_puttygen(named_key("ed25519")))
    theirs = tmp_path / "theirs.ppk"
    run(puttygen, source, "-O", "private", "-C", comment, "-o", theirs)
    assert to_ppk(named_key("ed25519"), comment=comment).encode() == theirs.read_bytes()


@pytest.mark.parametrize("name", ["ed25519", "p256", "p384", "p521", "rsa2048", "rsa2056"])
def test_encrypted_v2_is_byte_identical_to_puttygen(
    puttygen: str, tmp_path: Path, passphrase_file: Path, name: str
) -> None:
    key = named_key(name)
    source = write(tmp_path / "key.pem", pem_for_puttygen(key))
    theirs = tmp_path / "theirs.ppk"
    run(
        puttygen, source, "-O", "private", "-C", COMMENT, *_version_args(2),
        "--new-passphrase", passphrase_file, "-o", theirs,
    )  # fmt: skip
    ours = to_ppk(key, comment=COMMENT, version=2, passphrase=PASSPHRASE)
    assert ours.encode() == theirs.read_bytes()


@pytest.mark.parametrize(
    "kdf",
    [
        Argon2Params(),
        Argon2Params("Argon2i", memory_kib=1024, passes=3, parallelism=1),
        Argon2Params("Argon2d", memory_kib=16384, passes=2, parallelism=4),
    ],
    ids=["argon2id-default", "argon2i", "argon2d-4-lanes"],
)
@pytest.mark.parametrize("name", ["ed25519", "p521", "rsa3072"])
def test_our_encrypted_v3_opens_in_puttygen(
    puttygen: str,
    tmp_path: Path,
    passphrase_file: Path,
    empty_passphrase_file: Path,
    name: str,
    kdf: Argon2Params,
) -> None:
    key = named_key(name)
    ours = write(
        tmp_path / "ours.ppk", to_ppk(key, comment=COMMENT, passphrase=PASSPHRASE, kdf=kdf)
    )
    exported = tmp_path / "exported.ppk"
    # PuTTYgen decrypts ours with the passphrase and saves it unencrypted, comment kept.
    run(
        puttygen, ours, "-P", "--old-passphrase", passphrase_file,
        "--new-passphrase", empty_passphrase_file, "-O", "private", "-o", exported,
    )  # fmt: skip
    assert exported.read_bytes() == to_ppk(key, comment=COMMENT).encode()


@pytest.mark.parametrize(
    "ppk_param",
    [
        "kdf=argon2id",
        "kdf=argon2i,memory=1024,passes=3,parallelism=1",
        "kdf=argon2d,memory=16384,passes=2,parallelism=4",
        "kdf=argon2id,memory=4096,passes=1,parallelism=2",
    ],
)
@pytest.mark.parametrize("name", ["ed25519", "p384", "rsa2048"])
def test_puttygen_encrypted_v3_loads_in_ours(
    puttygen: str, tmp_path: Path, passphrase_file: Path, name: str, ppk_param: str
) -> None:
    key = named_key(name)
    source = write(tmp_path / "key.pem", pem_for_puttygen(key))
    theirs = tmp_path / "theirs.ppk"
    run(
        puttygen, source, "-O", "private", "-C", COMMENT, "--ppk-param", ppk_param,
        "--new-passphrase", passphrase_file, "-o", theirs,
    )  # fmt: skip
    flavour = ppk_param.split(",")[0].removeprefix("kdf=")
    assert f"Key-Derivation: {flavour.capitalize()}" in theirs.read_text()

    loaded = load_private_key(theirs, PASSPHRASE)

    assert same_key(loaded.key, key)
    assert (loaded.comment, loaded.source_format, loaded.encrypted) == (COMMENT, "ppk3", True)
    with pytest.raises(WizardError) as wrong:
        load_private_key(theirs, "not the passphrase")
    assert wrong.value.code == "wrong-passphrase"


@pytest.mark.parametrize(
    ("key_args", "version"),
    [
        (["-t", "rsa", "-b", "2056"], 3),
        (["-t", "rsa", "-b", "1536"], 2),
        (["-t", "ecdsa", "-b", "384"], 3),
        (["-t", "ecdsa", "-b", "521"], 2),
        (["-t", "ed25519"], 3),
    ],
)
def test_keys_puttygen_generates_load_and_save_back_identically(
    puttygen: str, tmp_path: Path, empty_passphrase_file: Path, key_args: list[str], version: int
) -> None:
    theirs = tmp_path / "generated.ppk"
    run(
        puttygen, *key_args, "-q", "-C", COMMENT, *_version_args(version),
        "--new-passphrase", empty_passphrase_file, "-o", theirs,
    )  # fmt: skip
    loaded = load_private_key(theirs)
    assert loaded.source_format == f"ppk{version}"
    assert to_ppk(loaded.key, comment=loaded.comment, version=version).encode() == (
        theirs.read_bytes()
    )


@pytest.mark.parametrize("name", ["ed25519", "p256", "rsa2048"])
def test_openssh_files_puttygen_exports_load_in_ours(
    puttygen: str, tmp_path: Path, name: str
) -> None:
    key = named_key(name)
    ppk = write(tmp_path / "key.ppk", to_ppk(key, comment=COMMENT))
    exported = tmp_path / "exported"
    run(puttygen, ppk, "-O", "private-openssh-new", "-o", exported)
    loaded = load_private_key(exported)
    assert same_key(loaded.key, key)
    assert (loaded.comment, loaded.source_format) == (COMMENT, "openssh")


@pytest.mark.parametrize("name", ["p256-high-bit", "p384-high-bit", "p521", "rsa2056"])
def test_pem_files_puttygen_exports_load_in_ours(puttygen: str, tmp_path: Path, name: str) -> None:
    # PuTTYgen writes a SEC1 scalar whose top bit is set with an extra zero byte, which
    # cryptography alone rejects.
    key = ec_key_with_high_bit(name[:4]) if name.endswith("high-bit") else named_key(name)
    ppk = write(tmp_path / "key.ppk", to_ppk(key, comment=COMMENT))
    exported = tmp_path / "exported.pem"
    run(puttygen, ppk, "-O", "private-openssh", "-o", exported)
    loaded = load_private_key(exported)
    assert same_key(loaded.key, key)
    assert loaded.source_format == ("pkcs1" if name.startswith("rsa") else "sec1")


@pytest.mark.parametrize("name", ["ed25519", "p521", "rsa2048"])
@pytest.mark.parametrize("encrypted", [False, True])
def test_our_openssh_files_load_in_puttygen(
    puttygen: str,
    tmp_path: Path,
    passphrase_file: Path,
    empty_passphrase_file: Path,
    name: str,
    encrypted: bool,
) -> None:
    key = named_key(name)
    ours = write(
        tmp_path / "ours",
        to_openssh(key, comment=COMMENT, passphrase=PASSPHRASE if encrypted else None),
    )
    converted = tmp_path / "converted.ppk"
    decrypt = ["-P", "--old-passphrase", passphrase_file, "--new-passphrase", empty_passphrase_file]
    run(puttygen, ours, *(decrypt if encrypted else []), "-O", "private", "-o", converted)
    assert converted.read_bytes() == to_ppk(key, comment=COMMENT).encode()


@pytest.mark.parametrize("name", ["p256", "rsa1536"])
def test_our_pem_files_load_in_puttygen(puttygen: str, tmp_path: Path, name: str) -> None:
    key = named_key(name)
    ours = write(tmp_path / "ours.pem", to_pem(key))
    converted = tmp_path / "converted.ppk"
    run(puttygen, ours, "-O", "private", "-C", COMMENT, "-o", converted)
    assert converted.read_bytes() == to_ppk(key, comment=COMMENT).encode()


@pytest.mark.parametrize("version", ["2", "3"])
def test_cli_convert_key_writes_what_puttygen_writes(
    puttygen: str, tmp_path: Path, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "aws.pem", pem_for_puttygen(named_key("rsa2048")))
    theirs = tmp_path / "theirs.ppk"
    run(puttygen, source, "-O", "private", "-C", "aws", *_version_args(int(version)), "-o", theirs)

    assert main(["convert-key", str(source), "--ppk-version", version]) == 0

    assert (tmp_path / "aws.ppk").read_bytes() == theirs.read_bytes()
    assert "aws.ppk" in capsys.readouterr().out
