"""Key and passphrase files that are not what they claim: devices, FIFOs, folders, huge files."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.core.errors import WizardError
from app.core.keys import load_private_key, to_openssh
from tests.unit.keys.samples import named_key, write

pytestmark = pytest.mark.skipif(os.name == "nt", reason="devices and FIFOs are POSIX")


def _within(seconds: float, call: Callable[[], Any], unblock: Callable[[], None]) -> Any:
    """Run ``call`` and return what it returned or raised; fail if it takes longer than
    ``seconds`` (then ``unblock`` frees the stuck thread so the test run can go on)."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed back to the test
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        unblock()
        worker.join(5)
        pytest.fail(f"still reading after {seconds} s")
    return outcome[0]


def _feed_fifo(fifo: Path) -> Callable[[], None]:
    def unblock() -> None:
        # A writer that opens and closes lets a blocked open/read see end of file.
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)

    return unblock


def _zero_link(tmp_path: Path, name: str = "id_ed25519") -> Path:
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    return link


def test_a_key_symlinked_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    link = _zero_link(tmp_path)
    result = _within(5, lambda: load_private_key(link), lambda: None)
    assert isinstance(result, WizardError)
    assert result.code == "not-a-key"
    assert "not a regular file" in result.message


def test_a_key_that_is_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "key.pem"
    os.mkfifo(fifo)
    result = _within(5, lambda: load_private_key(fifo), _feed_fifo(fifo))
    assert isinstance(result, WizardError)
    assert result.code == "not-a-key"


def test_a_symlink_to_a_real_key_still_loads(tmp_path: Path) -> None:
    real = write(tmp_path / "real", to_openssh(named_key("ed25519")))
    link = tmp_path / "link"
    link.symlink_to(real)
    assert load_private_key(link).source_format == "openssh"


def _encrypted_key(tmp_path: Path) -> Path:
    return write(tmp_path / "enc", to_openssh(named_key("ed25519"), passphrase="correct horse"))


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder", "huge"])
def test_a_passphrase_file_that_is_not_a_small_regular_file_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    key = _encrypted_key(tmp_path)
    bad = tmp_path / "pass"
    unblock: Callable[[], None] = lambda: None  # noqa: E731
    if kind == "dev-zero":
        bad.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(bad)
        unblock = _feed_fifo(bad)
    elif kind == "folder":
        bad.mkdir()
    else:
        bad.write_bytes(b"p" * (10 * 1024 * 1024))
    argv = ["convert-key", str(key), "--passphrase-file", str(bad), "-o", str(tmp_path / "o")]

    assert _within(5, lambda: main(argv), unblock) == 1

    err = capsys.readouterr().err
    assert err.startswith("Error: "), err
    assert err.count("\n") == 1, err
    assert "pass" in err
    assert not (tmp_path / "o").exists()


def test_a_passphrase_file_that_is_not_utf8_does_not_leak_its_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    key = _encrypted_key(tmp_path)
    secret = b"s3cret-\xff-bytes"
    bad = write(tmp_path / "pass", secret)
    assert main(["--debug", "convert-key", str(key), "--passphrase-file", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "not UTF-8" in captured.err
    everything = captured.out + captured.err + caplog.text
    assert "s3cret" not in everything


@pytest.mark.parametrize(
    "text", [b"-----BEGIN PRIVATE KEY----\nMIIB\n", b"-----BEGIN RSA PRIVATE KEY -----\nMIIB\n"]
)
def test_a_begin_line_with_four_dashes_or_a_space_is_a_damaged_key(text: bytes) -> None:
    # Found by the hostile-file corpus: such a line was taken as a PEM header, then not found.
    with pytest.raises(WizardError) as caught:
        load_private_key(text)
    assert caught.value.code == "corrupt-key"
