"""TensorBoard, Forward a port… and "Download my notebooks first" on the Done page, against the
stand-in instance (real sshd, real Jupyter). Real TensorBoard is not installed here: a stand-in
``tensorboard`` program in the notebook's Python environment serves its log folder over HTTP.

``EC2NB_SCREENSHOTS=1`` saves the new dialogs to docs/screenshots/13-forwards.png and
14-download-first.png.
"""

from __future__ import annotations

import contextlib
import os
import signal
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core import local_tools
from app.core.flow import PageId
from tests.e2e.test_cli_forward import start_http_server, stop_remote
from tests.integration.launch.stand_in import StandIn
from tests.support.constants import REGION
from tests.support.sshd import free_port
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, click_next, wait_for_page
from tests.ui.test_launch_pages import LAUNCH_MS, done_page, launch_world  # noqa: F401 - fixtures


@pytest.fixture
def done_without_disk(qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory) -> Any:  # noqa: F811 - the fixture
    """The Done page of a launch without a work disk: its notebooks live on the machine's own
    disk, which is when the wizard offers to download them first."""
    wizard = make_wizard()
    storage = advance_to(qtbot, wizard, PageId.STORAGE)
    combo = storage.work_disk.combo
    qtbot.waitUntil(lambda: combo.findData("none") >= 0, timeout=20_000)
    combo.setCurrentIndex(combo.findData("none"))
    advance_to(qtbot, wizard, PageId.REVIEW)
    click_next(qtbot, wizard)
    return wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)


pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

STAND_IN_TENSORBOARD = """#!/bin/sh
# A stand-in for TensorBoard (not installed here): serves --logdir over HTTP on --host:--port.
while [ $# -gt 0 ]; do
    case $1 in
        --logdir) LOGDIR=$2; shift ;;
        --port) PORT=$2; shift ;;
        --host) HOST=$2; shift ;;
    esac
    shift
done
exec python3 -m http.server "$PORT" --bind "$HOST" --directory "$LOGDIR"
"""


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=15) as answer:  # noqa: S310 (loopback http)
        return str(answer.read().decode())


@pytest.fixture
def tensorboard_program(done_page: Any) -> Iterator[Path]:  # noqa: F811 - the fixture
    """A ``tensorboard`` beside the notebook's Python; stopped and removed afterwards."""
    notebook = done_page.result.notebook
    program = Path(notebook.python).parent / "tensorboard"
    program.write_text(STAND_IN_TENSORBOARD)
    program.chmod(0o755)
    try:
        yield program
    finally:
        program.unlink()
        pid_file = Path(notebook.state_dir) / "tensorboard.pid"
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid_file.read_text()), signal.SIGTERM)


def test_tensorboard_starts_on_the_machine_and_opens_through_the_tunnel(
    qtbot: QtBot,
    done_page: Any,  # noqa: F811 - the fixture
    tensorboard_program: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(local_tools, "open_url", lambda url, **_kw: opened.append(url) or True)
    notebook = done_page.result.notebook
    (Path(notebook.notebook_dir) / "run-1").mkdir()
    done_page.tensorboard_port = free_port()
    click(qtbot, done_page.tensorboard_button)
    qtbot.waitUntil(lambda: not done_page.task_running("tensorboard"), timeout=60_000)
    assert opened, done_page.error_panel.message.text()
    url = opened[0]
    assert url.startswith("http://127.0.0.1:")
    assert "run-1/" in _get(url)  # TensorBoard's log folder is the notebook folder
    assert "TensorBoard is open in your browser" in done_page.status.text()
    # It runs detached on the machine's loopback and is listed with the other forwards.
    dialog = done_page.forwards
    assert [f.remote_port for f in dialog.forwards] == [done_page.tensorboard_port]
    # A second click reuses the running TensorBoard and its forward.
    opened.clear()
    click(qtbot, done_page.tensorboard_button)
    qtbot.waitUntil(lambda: not done_page.task_running("tensorboard"), timeout=60_000)
    assert opened == [url]
    # Detached: it outlives the SSH connection that started it.
    pid = int((Path(notebook.state_dir) / "tensorboard.pid").read_text())
    done_page.result.tunnel.close()
    assert dialog.forwards[0].closed  # the forward ended with the tunnel
    os.kill(pid, 0)  # raises if TensorBoard died with the connection


def test_tensorboard_absent_says_how_to_install_it(
    qtbot: QtBot,
    done_page: Any,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(local_tools, "open_url", lambda url, **_kw: opened.append(url) or True)
    done_page.tensorboard_port = free_port()
    click(qtbot, done_page.tensorboard_button)
    qtbot.waitUntil(lambda: not done_page.task_running("tensorboard"), timeout=60_000)
    shown = done_page.error_panel.message.text()
    assert "TensorBoard is not installed in the notebook's Python environment." in shown
    assert "%pip install tensorboard" in shown
    assert not opened


def test_forward_a_port_reaches_a_second_server_and_says_when_nothing_listens(
    qtbot: QtBot,
    done_page: Any,  # noqa: F811 - the fixture
) -> None:
    launch_id = done_page.result.launch_id
    served_port = free_port()
    pid = start_http_server(launch_id, served_port, "second-server")
    try:
        dialog = done_page.show_forwards()
        assert dialog.isVisible()
        dialog.remote_port.setValue(served_port)
        click(qtbot, dialog.forward_button)
        qtbot.waitUntil(lambda: len(dialog.forwards) == 1, timeout=30_000)
        forward = dialog.forwards[0]
        assert _get(forward.url + "page.txt") == "second-server"
        # The instance is this machine: its server holds that number here, so another is used.
        assert f"Port {served_port} is taken on this computer" in dialog.note.text()

        closed_port, closed_local = free_port(), free_port()
        dialog.remote_port.setValue(closed_port)
        dialog.local_port.setValue(closed_local)
        click(qtbot, dialog.forward_button)
        qtbot.waitUntil(lambda: len(dialog.forwards) == 2, timeout=30_000)
        assert f"Nothing listens on port {closed_port} on the instance" in dialog.note.text()
        assert dialog.forwards[1].local_port == closed_local
        if os.environ.get("EC2NB_SCREENSHOTS") == "1":
            assert dialog.grab().save(str(SCREENSHOTS / "13-forwards.png"))

        stops = [b for b in dialog.findChildren(type(dialog.forward_button), "stopForward")]
        click(qtbot, stops[1])
        assert [f.remote_port for f in dialog.forwards] == [served_port]
        assert forward.closed is False
    finally:
        stop_remote(launch_id, pid)
    # Stopping the machine closes the tunnel, and the forwards with it.
    done_page.download_first = None
    done_page.stop_instance(offered=True)
    qtbot.waitUntil(lambda: done_page.ended == "stopped", timeout=60_000)
    assert forward.closed
    assert dialog.forwards == []


def test_stop_downloads_the_notebooks_first(
    qtbot: QtBot,
    done_without_disk: Any,
    launch_world: StandIn,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    folder = launch_world.remote_home / done_without_disk.result.launch_id
    (folder / "experiments").mkdir()
    (folder / "train.ipynb").write_text('{"cells": ["train"]}')
    (folder / "experiments" / "lr.ipynb").write_text('{"cells": ["lr"]}')
    (folder / "experiments" / "weights.bin").write_bytes(b"\0" * 100)
    click(qtbot, done_without_disk.stop_button)
    dialog = done_without_disk.download_first
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.download.isChecked()
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert dialog.grab().save(str(SCREENSHOTS / "14-download-first.png"))

    # A failed download (a folder that is not there) leaves the machine running.
    dialog.folder.setText(str(tmp_path / "saved"))
    dialog.also.setText("no-such-folder")
    click(qtbot, dialog.proceed_button)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "failed"
    assert "so the machine was left as it is" in dialog.detail.text()
    assert dialog.isVisible()
    assert done_without_disk.ended == ""
    assert done_without_disk.stop_button.isEnabled()

    dialog.also.clear()
    click(qtbot, dialog.proceed_button)
    qtbot.waitUntil(lambda: done_without_disk.ended == "stopped", timeout=60_000)
    assert dialog.outcome == "proceeded"
    saved = tmp_path / "saved" / folder.name
    assert (saved / "train.ipynb").read_text() == '{"cells": ["train"]}'
    assert (saved / "experiments" / "lr.ipynb").read_text() == '{"cells": ["lr"]}'
    assert not (saved / "experiments" / "weights.bin").exists()


def test_my_instances_downloads_the_notebooks_before_terminating(
    qtbot: QtBot,
    done_without_disk: Any,
    launch_world: StandIn,  # noqa: F811 - the fixture
    make_wizard: WizardFactory,
    tmp_path: Path,
) -> None:
    launch_id = done_without_disk.result.launch_id
    (launch_world.remote_home / launch_id / "analysis.ipynb").write_text('{"cells": ["a"]}')
    wizard = make_wizard()
    click(qtbot, wizard.page_of(PageId.WELCOME).instances_button)
    wait_for_page(qtbot, wizard, PageId.CREDENTIALS)
    click_next(qtbot, wizard)
    instances = wait_for_page(qtbot, wizard, PageId.INSTANCES)
    qtbot.waitUntil(lambda: bool(instances.instances), timeout=30_000)
    instances.table.selectRow(0)
    click(qtbot, instances.terminate_button)
    box = instances.terminate_box
    click(qtbot, next(b for b in box.buttons() if b.text() == "Terminate and clean up"))
    qtbot.waitUntil(
        lambda: instances.download_first is not None and instances.download_first.isVisible(),
        timeout=10_000,
    )
    dialog = instances.download_first
    assert "terminating deletes" in dialog.findChild(QLabel).text()
    dialog.folder.setText(str(tmp_path / "kept"))
    click(qtbot, dialog.proceed_button)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=30_000)
    assert dialog.outcome == "proceeded", dialog.detail.text()
    saved = tmp_path / "kept" / launch_id / "analysis.ipynb"
    assert saved.read_text() == '{"cells": ["a"]}'
    qtbot.waitUntil(
        lambda: _state(done_without_disk.result.instance_id) in ("shutting-down", "terminated"),
        timeout=60_000,
    )


def _state(instance_id: str) -> str:
    ec2 = boto3.client("ec2", region_name=REGION)
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return str(reservations[0]["Instances"][0]["State"]["Name"])
