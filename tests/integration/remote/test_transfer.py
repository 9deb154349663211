"""Files up and down over SFTP against the loopback instance (a real OpenSSH server)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.errors import Cancelled, WizardError
from app.core.progress import CancelToken
from app.core.remote import transfer
from app.core.remote.connect import SshTarget, connect
from app.core.remote.hostkeys import KnownHosts
from app.core.remote.transfer import PART_SUFFIX, TransferStatus, pull, push
from tests.support.sshd import SshServer

BIG = 200 * 1000 * 1000


def _sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _big_file(path: Path, size: int) -> Path:
    # Random blocks repeated: incompressible enough, and quick to write on 2 cores.
    block = os.urandom(1 << 20)
    with path.open("wb") as file:
        written = 0
        while written < size:
            piece = block[: size - written]
            file.write(piece[:7] + os.urandom(7) + piece[14:])  # no two blocks alike
            written += len(piece)
    return path


@pytest.fixture
def connector(make_target: Callable[..., SshTarget]) -> Callable[[], object]:
    target = make_target()
    known = KnownHosts()
    return lambda: connect(target, deadline_seconds=20, known_hosts=known)


@pytest.fixture
def home(sshd: SshServer, request: pytest.FixtureRequest) -> Path:
    return sshd.make_home(request.node.name[:40] + os.urandom(3).hex())


def _drop_and_wait(sshd: SshServer) -> None:
    """Kill the sessions and wait until they are gone: the copy (paused in its status
    callback) then meets a dead connection, however fast it runs."""
    sshd.drop_connections()
    listener = str(sshd._process.pid)  # type: ignore[union-attr]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(["pgrep", "-P", listener], capture_output=True).returncode:
            return
        time.sleep(0.02)
    raise AssertionError("the SSH sessions did not end")


def _cut_at(sshd: SshServer, fraction: float) -> tuple[Callable[[TransferStatus], None], list[int]]:
    """A status callback that drops every SSH connection once ``fraction`` of the bytes moved.
    The test reports every block (see ``every_block``): at a few reports a second, a copy as
    fast as loopback can go from below ``fraction`` to the end between two of them."""
    cuts: list[int] = []

    def on_status(status: TransferStatus) -> None:
        if not cuts and status.total * fraction <= status.done < status.total:
            cuts.append(status.done)
            _drop_and_wait(sshd)

    return on_status, cuts


@pytest.fixture
def every_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transfer, "REPORT_SECONDS", 0.0)


@pytest.mark.usefixtures("every_block")
def test_a_200_mb_file_goes_up_and_down_across_dropped_connections(
    sshd: SshServer, connector: Callable[[], object], home: Path, tmp_path: Path
) -> None:
    source = _big_file(tmp_path / "data.bin", BIG)
    expected = _sha(source)
    notes: list[str] = []

    on_status, cuts = _cut_at(sshd, 0.2)
    report = push(
        connector,  # type: ignore[arg-type]
        [source],
        "datasets",
        notebook_folder=str(home),
        on_status=on_status,
        progress=lambda _step, message: notes.append(message),
    )
    uploaded = home / "datasets" / "data.bin"
    assert cuts, "the connection was never cut"
    assert report.reconnects >= 1
    assert 0 < report.resumed_bytes < BIG  # continued from the bytes already there
    assert _sha(uploaded) == expected
    assert not (home / "datasets" / ("data.bin" + PART_SUFFIX)).exists()
    assert any("reconnecting" in note for note in notes)
    assert any("/s" in note and "left" in note for note in notes)

    on_status, cuts = _cut_at(sshd, 0.5)
    down = tmp_path / "down"
    report = pull(
        connector,  # type: ignore[arg-type]
        ["datasets/data.bin"],
        down,
        notebook_folder=str(home),
        on_status=on_status,
    )
    assert cuts
    assert report.reconnects >= 1
    assert 0 < report.resumed_bytes < BIG
    assert _sha(down / "data.bin") == expected
    assert not (down / ("data.bin" + PART_SUFFIX)).exists()


def test_a_part_that_differs_is_copied_again_not_joined(
    sshd: SshServer, connector: Callable[[], object], home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "notes.txt"
    source.write_bytes(b"the right text " * 1000)
    stale = home / ("notes.txt" + PART_SUFFIX)
    stale.write_bytes(b"something else " * 500)
    sshd.login.give(stale)  # left by an earlier upload of the login user's
    report = push(connector, [source], notebook_folder=str(home))  # type: ignore[arg-type]
    assert report.resumed_bytes == 0
    assert (home / "notes.txt").read_bytes() == source.read_bytes()


def test_folders_go_up_and_down_recursively(
    connector: Callable[[], object], home: Path, tmp_path: Path
) -> None:
    tree = tmp_path / "project"
    (tree / "data" / "raw").mkdir(parents=True)
    (tree / "empty").mkdir()
    files = {
        "train.ipynb": b'{"cells": []}',
        "data/a.csv": b"x,y\n1,2\n",
        "data/raw/b.bin": os.urandom(300_000),
    }
    for name, body in files.items():
        (tree / name).write_bytes(body)
    report = push(connector, [tree], notebook_folder=str(home))  # type: ignore[arg-type]
    assert len(report.files) == 3
    for name, body in files.items():
        assert (home / "project" / name).read_bytes() == body
    assert (home / "project" / "empty").is_dir()

    back = tmp_path / "back"
    pull(connector, ["project"], back, notebook_folder=str(home))  # type: ignore[arg-type]
    for name, body in files.items():
        assert (back / "project" / name).read_bytes() == body
    assert (back / "project" / "empty").is_dir()


def test_a_cancelled_upload_stops_and_the_next_one_continues(
    connector: Callable[[], object], home: Path, tmp_path: Path
) -> None:
    source = _big_file(tmp_path / "model.pt", 30 * 1000 * 1000)
    cancel = CancelToken()

    def on_status(status: TransferStatus) -> None:
        if 0 < status.done < status.total:
            cancel.cancel()

    with pytest.raises(Cancelled):
        push(connector, [source], notebook_folder=str(home), cancel=cancel, on_status=on_status)  # type: ignore[arg-type]
    assert not (home / "model.pt").exists()
    assert (home / ("model.pt" + PART_SUFFIX)).stat().st_size > 0

    report = push(connector, [source], notebook_folder=str(home))  # type: ignore[arg-type]
    assert report.resumed_bytes > 0
    assert _sha(home / "model.pt") == _sha(source)


def test_a_remote_path_outside_the_notebook_folder_is_refused(
    connector: Callable[[], object], home: Path, tmp_path: Path
) -> None:
    with pytest.raises(WizardError) as error:
        pull(connector, ["../../etc/hostname"], tmp_path, notebook_folder=str(home))  # type: ignore[arg-type]
    assert error.value.code == "remote-path-outside"
    assert "absolute path" in error.value.hint
    report = pull(connector, ["/etc/hostname"], tmp_path, notebook_folder=str(home))  # type: ignore[arg-type]
    assert (tmp_path / "hostname").read_bytes() == Path("/etc/hostname").read_bytes()
    assert report.files[0]["size"] == Path("/etc/hostname").stat().st_size


def test_a_missing_file_is_a_clear_error(
    connector: Callable[[], object], home: Path, tmp_path: Path
) -> None:
    with pytest.raises(WizardError) as error:
        pull(connector, ["nothing-here.ipynb"], tmp_path, notebook_folder=str(home))  # type: ignore[arg-type]
    assert error.value.code == "no-such-file"
    with pytest.raises(WizardError) as error:
        push(connector, [tmp_path / "nope"], notebook_folder=str(home))  # type: ignore[arg-type]
    assert error.value.code == "no-such-file"


def test_a_refused_write_fails_at_once_with_the_reason_not_after_reconnects(
    connector: Callable[[], object], home: Path, tmp_path: Path
) -> None:
    source = tmp_path / "x.txt"
    source.write_text("x")
    with pytest.raises(WizardError) as error:
        push(connector, [source], "/", notebook_folder=str(home))  # type: ignore[arg-type]
    assert error.value.code == "transfer-failed"
    assert "Permission denied" in error.value.message


def test_notebooks_are_found_past_a_folder_the_user_cannot_read(
    connector: Callable[[], object], home: Path, tmp_path: Path
) -> None:
    """A work disk's top holds ext4's lost+found (root only): a notebook search passes it by."""
    (home / "nb").mkdir()
    (home / "nb" / "a.ipynb").write_text('{"cells": []}')
    hidden = home / "lost+found"
    hidden.mkdir()
    (hidden / "b.ipynb").write_text("{}")
    hidden.chmod(0o000)  # unreadable to the login user (ubuntu under root; else its owner)
    try:
        pull(connector, ["."], tmp_path, notebook_folder=str(home), pattern="*.ipynb")  # type: ignore[arg-type]
    finally:
        hidden.chmod(0o700)
    found = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ipynb"))
    assert found == [f"{home.name}/nb/a.ipynb"]
