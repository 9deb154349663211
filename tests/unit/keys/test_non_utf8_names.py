"""File names that are not valid UTF-8 (any bytes but / and NUL are allowed on Linux) work in
``convert-key`` and ``keygen`` and never print a logging traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.keys import to_openssh
from app.core.redact import redact
from tests.unit.keys.samples import named_key

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")

NAME = b"cl\xe9-\xff"  # Latin-1 "clé-" and a byte that is never UTF-8


def _ec2nb(tmp: bytes, *args: bytes) -> subprocess.CompletedProcess[bytes]:
    home = os.path.join(tmp, b"home")
    env = {**os.environ, "EC2NB_HOME": os.fsdecode(home), "LC_ALL": "C.UTF-8"}
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"app", *args],
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )


def _logs(tmp: bytes) -> str:
    folder = Path(os.fsdecode(os.path.join(tmp, b"home")))
    return "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.log"))


def test_convert_key_with_a_non_utf8_name(tmp_path: Path) -> None:
    tmp = os.fsencode(tmp_path)
    source = os.path.join(tmp, NAME + b".pem")
    with open(source, "wb") as file:
        file.write(to_openssh(named_key("ed25519")).encode())

    result = _ec2nb(tmp, b"convert-key", source)

    assert result.returncode == 0, result.stderr
    assert os.path.exists(os.path.join(tmp, NAME + b".ppk"))
    assert b"Traceback" not in result.stderr
    assert b"Logging error" not in result.stderr
    assert b"cl\\xe9-\\xff.ppk" in result.stdout  # shown escaped, not as raw bytes
    assert "cl\\xe9-\\xff.pem" in _logs(tmp)  # the log names it too


def test_a_failure_with_a_non_utf8_name_is_one_line(tmp_path: Path) -> None:
    tmp = os.fsencode(tmp_path)
    source = os.path.join(tmp, NAME + b".pem")
    with open(source, "wb") as file:
        file.write(b"not a key\n")
    (tmp_path / "out").mkdir()
    for argv in (
        [b"convert-key", source],
        [b"convert-key", os.path.join(tmp, NAME + b"-missing")],
        [b"keygen", os.path.join(tmp, b"no-such-folder", NAME)],
    ):
        result = _ec2nb(tmp, *argv)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(b"Error: ")
        assert result.stderr.count(b"\n") == 1, result.stderr
        assert b"bug" not in result.stderr


def test_redacted_text_is_always_encodable() -> None:
    name = os.fsdecode(NAME)
    assert redact(f"reading {name}") == "reading cl\\xe9-\\xff"
    assert redact("lone \ud800 surrogate").encode("utf-8")
