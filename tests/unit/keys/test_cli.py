"""``ec2nb convert-key`` and ``ec2nb keygen`` as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from app.cli import main
from app.core.keys import load_private_key, to_openssh, to_ppk
from tests.unit.keys import vectors
from tests.unit.keys.samples import named_key, pem_for_puttygen, same_key, write

PASSPHRASE = "tr0ub4dor & 3"


def _pem(tmp_path: Path, name: str = "rsa2048", file: str = "aws-key.pem") -> Path:
    return write(tmp_path / file, pem_for_puttygen(named_key(name)))


def _pass_file(tmp_path: Path, text: str = PASSPHRASE + "\n", name: str = "pass.txt") -> Path:
    return write(tmp_path / name, text)


def test_convert_pem_to_ppk_beside_it_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _pem(tmp_path)
    assert main(["convert-key", str(source)]) == 0

    output = tmp_path / "aws-key.ppk"
    assert output.read_text() == to_ppk(named_key("rsa2048"), comment="aws-key")
    if os.name != "nt":
        assert output.stat().st_mode & 0o777 == 0o600
    out = capsys.readouterr().out
    assert "aws-key.ppk" in out
    assert "RSA 2048" in out


def test_convert_with_options(tmp_path: Path) -> None:
    source = _pem(tmp_path, "ed25519")
    output = tmp_path / "out" / "putty.ppk"
    output.parent.mkdir()
    argv = [
        "convert-key", str(source), "-o", str(output), "--ppk-version", "2",
        "--comment", "for WinSCP", "--new-passphrase-file", str(_pass_file(tmp_path)),
    ]  # fmt: skip
    assert main(argv) == 0
    # The trailing newline of the passphrase file is not part of the passphrase.
    expected = to_ppk(named_key("ed25519"), comment="for WinSCP", version=2, passphrase=PASSPHRASE)
    assert output.read_text() == expected


@pytest.mark.parametrize(
    ("to", "suffix", "begin"), [("openssh", ".pem", "OPENSSH"), ("pem", ".pem", "EC")]
)
def test_convert_ppk_back_for_openssh(tmp_path: Path, to: str, suffix: str, begin: str) -> None:
    source = write(
        tmp_path / "putty.ppk",
        to_ppk(named_key("p384"), comment="from putty", passphrase=PASSPHRASE),
    )
    passphrase_file = _pass_file(tmp_path, PASSPHRASE + "\r\n")  # saved by Notepad
    assert (
        main(["convert-key", str(source), "--to", to, "--passphrase-file", str(passphrase_file)])
        == 0
    )

    output = source.with_suffix(suffix)
    assert output.read_text().startswith(f"-----BEGIN {begin} PRIVATE KEY-----")
    loaded = load_private_key(output)
    assert same_key(loaded.key, named_key("p384"))
    if to == "openssh":
        assert loaded.comment == "from putty"


def test_force_replaces_an_existing_output(tmp_path: Path) -> None:
    source = _pem(tmp_path, "ed25519")
    (tmp_path / "aws-key.ppk").write_text("old")
    assert main(["convert-key", str(source), "--force"]) == 0
    assert load_private_key(tmp_path / "aws-key.ppk").source_format == "ppk3"


def _case_text(tmp_path: Path) -> list[str]:
    return ["convert-key", str(write(tmp_path / "notes.pem", "just some notes\n"))]


def _case_certificate(tmp_path: Path) -> list[str]:
    cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    return ["convert-key", str(write(tmp_path / "cert.pem", cert))]


def _case_public_key(tmp_path: Path) -> list[str]:
    public = (
        named_key("ed25519")
        .public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    )
    return ["convert-key", str(write(tmp_path / "id.pub", public))]


def _case_dsa(tmp_path: Path) -> list[str]:
    return ["convert-key", str(write(tmp_path / "dsa", vectors.OPENSSH_DSA))]


def _encrypted(tmp_path: Path) -> Path:
    return write(tmp_path / "enc", to_openssh(named_key("ed25519"), passphrase=PASSPHRASE))


def _case_no_passphrase(tmp_path: Path) -> list[str]:
    return ["convert-key", str(_encrypted(tmp_path))]


def _case_wrong_passphrase(tmp_path: Path) -> list[str]:
    wrong = _pass_file(tmp_path, "not it\n")
    return ["convert-key", str(_encrypted(tmp_path)), "--passphrase-file", str(wrong)]


def _case_truncated(tmp_path: Path) -> list[str]:
    text = pem_for_puttygen(named_key("rsa2048"))
    return ["convert-key", str(write(tmp_path / "cut.pem", text[: len(text) // 2]))]


def _case_bad_mac(tmp_path: Path) -> list[str]:
    text = to_ppk(named_key("ed25519"), comment="mine").replace("mine", "yours")
    return ["convert-key", str(write(tmp_path / "edited.ppk", text)), "--to", "openssh"]


def _case_exists(tmp_path: Path) -> list[str]:
    write(tmp_path / "aws-key.ppk", "precious")
    return ["convert-key", str(_pem(tmp_path, "ed25519"))]


def _case_missing_folder(tmp_path: Path) -> list[str]:
    return ["convert-key", str(_pem(tmp_path, "ed25519")), "-o", str(tmp_path / "no/k.ppk")]


def _case_missing_input(tmp_path: Path) -> list[str]:
    return ["convert-key", str(tmp_path / "missing.pem")]


def _case_missing_passphrase_file(tmp_path: Path) -> list[str]:
    return ["convert-key", str(_encrypted(tmp_path)), "--passphrase-file", str(tmp_path / "nope")]


def _case_keygen_exists(tmp_path: Path) -> list[str]:
    write(tmp_path / "mykey.pub", "ssh-ed25519 AAAA old")
    return ["keygen", str(tmp_path / "mykey")]


BAD_INPUTS: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "random text": (_case_text, "not a private key"),
    "certificate": (_case_certificate, "certificate"),
    "public key": (_case_public_key, "public key"),
    "DSA key": (_case_dsa, "DSA"),
    "encrypted, no passphrase": (_case_no_passphrase, "passphrase"),
    "wrong passphrase": (_case_wrong_passphrase, "Wrong passphrase"),
    "truncated": (_case_truncated, "cut short"),
    "PPK with bad MAC": (_case_bad_mac, "changed"),
    "output exists": (_case_exists, "--force"),
    "output folder missing": (_case_missing_folder, "does not exist"),
    "input missing": (_case_missing_input, "no file"),
    "passphrase file missing": (_case_missing_passphrase_file, "passphrase file"),
    "keygen over existing files": (_case_keygen_exists, "already exists"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_exits_non_zero_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    build, words = BAD_INPUTS[case]
    argv = build(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    assert main(argv) == 1

    err = capsys.readouterr().err
    assert err.startswith("Error: ")
    assert err.count("\n") == 1, err
    assert words in err
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # nothing new, nothing changed


def test_keygen_writes_three_files_that_belong_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ec2nb-key"
    assert main(["keygen", str(path), "--type", "rsa"]) == 0

    private = load_private_key(path)
    assert private.source_format == "openssh"
    assert private.comment == "ec2nb-key"
    assert same_key(load_private_key(path.with_name("ec2nb-key.ppk")).key, private.key)
    public = path.with_name("ec2nb-key.pub").read_text()
    assert public.startswith("ssh-rsa AAAA")
    assert public.strip().endswith(" ec2nb-key")
    out = capsys.readouterr().out
    assert "RSA 4096" in out
    assert "SHA256:" in out


def test_keygen_default_is_ed25519_with_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "k"
    argv = [
        "keygen",
        str(path),
        "--ppk-version",
        "2",
        "--new-passphrase-file",
        str(_pass_file(tmp_path)),
    ]
    assert main(argv) == 0
    loaded = load_private_key(path.with_name("k.ppk"), PASSPHRASE)
    assert (loaded.source_format, loaded.encrypted) == ("ppk2", True)
    assert path.with_name("k.pub").read_text().startswith("ssh-ed25519 ")


def test_no_key_material_or_passphrase_reaches_the_log(tmp_path: Path) -> None:
    """Run the real ``ec2nb`` process, with --debug, and read every log file it wrote."""
    home = tmp_path / "home"
    key_text = to_openssh(named_key("rsa2048"), comment="c", passphrase=PASSPHRASE)
    source = write(tmp_path / "enc", key_text)
    env = {**os.environ, "EC2NB_HOME": str(home)}
    wrong = _pass_file(tmp_path, "the wrong passphrase\n", "wrong.txt")
    for passphrase_file in (wrong, _pass_file(tmp_path)):
        result = subprocess.run(
            [sys.executable, "-m", "app", "--debug", "convert-key", str(source),
             "--passphrase-file", str(passphrase_file)],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
        assert PASSPHRASE not in result.stdout + result.stderr
        assert "the wrong passphrase" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stderr
    logs = "".join(p.read_text() for p in home.rglob("*.log*"))
    assert logs  # the run logged something
    assert "convert-key" in logs
    body = key_text.splitlines()[3]
    ppk_body = (tmp_path / "enc.ppk").read_text().splitlines()[-2]
    for secret in (PASSPHRASE, "the wrong passphrase", body, ppk_body, "PRIVATE KEY-----\n"):
        assert secret not in logs
