"""Progress and Done pages with real launches against the emulator and the stand-in sshd:
the host-key question, Cancel with its clean-up, a failed launch, and the Done page's tools."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import boto3
import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.core import local_tools
from app.core.flow import PageId
from app.core.launch import LaunchOverrides
from tests.integration.launch.stand_in import StandIn, notebook_status
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, click_next, wait_for_page

LAUNCH_MS = 120_000
pytestmark = [
    pytest.mark.slow,
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


@pytest.fixture
def launch_world(stand_in: StandIn, aws_profile: str) -> StandIn:
    from app.demo.services import emulate_missing_services

    emulate_missing_services(stand_in.aws)
    return stand_in


def _launch(qtbot: QtBot, wizard: Any) -> Any:
    """Click through with the defaults and press Launch; return the progress page."""
    advance_to(qtbot, wizard, PageId.REVIEW)
    click_next(qtbot, wizard)
    return wait_for_page(qtbot, wizard, PageId.PROGRESS)


def _box(qtbot: QtBot, parent: QWidget, name: str, timeout: int = LAUNCH_MS) -> QMessageBox:
    qtbot.waitUntil(
        lambda: (box := parent.findChild(QMessageBox, name)) is not None and box.isVisible(),
        timeout=timeout,
    )
    box = parent.findChild(QMessageBox, name)
    assert isinstance(box, QMessageBox)
    return box


def _button(box: QMessageBox, text: str) -> Any:
    return next(b for b in box.buttons() if b.text() == text)


def _without_console_keys(stand_in: StandIn) -> LaunchOverrides:
    """The console output shows no host key (as when cloud-init has not printed it)."""
    stand_in.aws.emulate("GetConsoleOutput", lambda request: None)  # moto's: no key block
    return dataclasses.replace(LaunchOverrides.from_env(), host_key_timeout=1.0)


def test_unknown_host_key_is_asked_like_putty(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard(launch_overrides=_without_console_keys(launch_world))
    progress = _launch(qtbot, wizard)
    box = _box(qtbot, progress, "hostKeyDialog")
    assert launch_world.host_fingerprint in box.text()
    click(qtbot, _button(box, box.tr("Accept and connect")))
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    assert done.open_button.isEnabled()


def test_cancel_lists_what_it_removes_and_cleans_up(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    # The host-key question holds the launch still after the instance exists.
    wizard = make_wizard(launch_overrides=_without_console_keys(launch_world))
    progress = _launch(qtbot, wizard)
    _box(qtbot, progress, "hostKeyDialog")
    launch_id = progress.job.launch_id
    instance_id = progress.job.journal.resources.instance_id
    # Closing the window (Esc, Cancel, the X) asks the same question; "Keep launching" keeps it.
    wizard.reject()
    box = _box(qtbot, progress, "cancelLaunchDialog", timeout=5_000)
    click(qtbot, _button(box, box.tr("Keep launching")))
    assert wizard.isVisible()
    assert progress.launch_running()
    box.deleteLater()
    qtbot.waitUntil(lambda: progress.findChild(QMessageBox, "cancelLaunchDialog") is None)
    click(qtbot, progress.cancel_button)
    box = _box(qtbot, progress, "cancelLaunchDialog", timeout=5_000)
    assert instance_id in box.text()
    assert "security group" in box.text()
    assert "key pair" in box.text()
    click(qtbot, _button(box, box.tr("Cancel launch and clean up")))
    qtbot.waitUntil(lambda: "Cleaned up" in progress.status.text(), timeout=LAUNCH_MS)
    assert launch_world.aws.tagged_resources(REGION, launch_id) == {}
    assert not wizard.ctx.state.launch_ready
    assert wizard.current_page_id() is PageId.PROGRESS


def test_a_failed_launch_shows_why_and_removes_what_it_made(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    launch_world.aws.inject(
        "RunInstances",
        "InsufficientInstanceCapacity",
        message="We currently do not have sufficient capacity.",
        times=20,
    )
    wizard = make_wizard()
    progress = _launch(qtbot, wizard)
    qtbot.waitUntil(progress.error_panel.isVisible, timeout=LAUNCH_MS)
    assert "Traceback" not in progress.error_panel.message.text()
    assert "InsufficientInstanceCapacity" in progress.error_panel.details.toPlainText()
    failed = progress._items["instance"]
    assert failed.text(1) == "Failed"
    assert progress.retry_button.isVisible()
    launch_id = progress.job.launch_id
    assert launch_world.aws.tagged_resources(REGION, launch_id)  # group and key pair exist
    click(qtbot, progress.cleanup_button)
    qtbot.waitUntil(lambda: "Cleaned up" in progress.status.text(), timeout=LAUNCH_MS)
    assert launch_world.aws.tagged_resources(REGION, launch_id) == {}


@pytest.fixture
def done_page(qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory) -> Any:
    wizard = make_wizard()
    _launch(qtbot, wizard)
    return wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)


def test_done_page_shows_the_machine_and_its_cost(done_page: Any) -> None:
    result = done_page.result
    assert result.instance_id in done_page.machine.text()
    assert "$" in done_page.cost.text()
    assert "per hour" in done_page.cost.text()
    assert "Jupyter" in done_page.software.text()
    assert "60 minutes" in done_page.idle_note.text()


def test_done_page_copies_the_ssh_command_and_offers_putty(
    qtbot: QtBot, done_page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(local_tools, "open_url", lambda url, **_kw: opened.append(url) or True)
    result = done_page.result
    if not result.ssh_command:  # app.core.remote.commands has not landed: nothing to copy
        assert not done_page.copy_button.isEnabled()
        assert not done_page.putty_button.isEnabled()
        return
    click(qtbot, done_page.copy_button)
    assert QGuiApplication.clipboard().text() == result.ssh_command
    assert "ssh " in result.ssh_command
    qtbot.waitUntil(lambda: not done_page.task_running("find-tools"), timeout=10_000)
    if done_page.putty_path is None:  # PuTTY itself is not installed here: the download
        click(qtbot, done_page.putty_button)
        box = _box(qtbot, done_page, "puttyMissing", timeout=5_000)
        click(qtbot, _button(box, box.tr("Open download page")))
        qtbot.waitUntil(lambda: bool(opened), timeout=5_000)
        assert opened == [local_tools.PUTTY_DOWNLOAD_URL]


def test_stop_instance_stops_it_and_ends_the_meter(
    qtbot: QtBot, done_page: Any, launch_world: StandIn
) -> None:
    click(qtbot, done_page.stop_button)
    # The notebooks are on the work disk: nothing to download first.
    assert done_page.download_first is None
    qtbot.waitUntil(lambda: done_page.ended == "stopped", timeout=LAUNCH_MS)
    state = _instance_state(done_page.result.instance_id)
    assert state in ("stopping", "stopped")
    assert not done_page.open_button.isEnabled()
    assert done_page.terminate_button.isEnabled()


def test_closing_with_the_tunnel_open_asks_first(
    qtbot: QtBot, done_page: Any, launch_world: StandIn
) -> None:
    wizard = done_page.wizard()
    wizard.close()
    box = _box(qtbot, wizard, "closeDialog", timeout=5_000)
    assert wizard.isVisible()  # nothing closed before the answer
    click(qtbot, _button(box, box.tr("Keep it running")))
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5_000)
    assert _instance_state(done_page.result.instance_id) == "running"
    assert done_page.ended == "kept"


def test_open_from_my_instances_reconnects_to_the_notebook(
    qtbot: QtBot, done_page: Any, make_wizard: WizardFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(local_tools, "open_url", lambda url, **_kw: opened.append(url) or True)
    first = done_page.result
    done_page.result.tunnel.close()  # as if the first window had been closed
    wizard = make_wizard()
    click(qtbot, wizard.page_of(PageId.WELCOME).instances_button)
    wait_for_page(qtbot, wizard, PageId.CREDENTIALS)
    click_next(qtbot, wizard)
    instances = wait_for_page(qtbot, wizard, PageId.INSTANCES)
    qtbot.waitUntil(lambda: bool(instances.instances), timeout=30_000)
    instances.table.selectRow(0)
    click(qtbot, instances.open_button)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    assert done.result.instance_id == first.instance_id
    ec2 = boto3.client("ec2", region_name=REGION)
    assert len(ec2.describe_instances()["Reservations"]) == 1  # reopened, not launched again
    click(qtbot, done.open_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert "started" in notebook_status(opened[0])


def test_closing_can_stop_the_machine_first(
    qtbot: QtBot, done_page: Any, launch_world: StandIn
) -> None:
    wizard = done_page.wizard()
    wizard.close()
    box = _box(qtbot, wizard, "closeDialog", timeout=5_000)
    click(qtbot, _button(box, box.tr("Stop the machine")))
    # The notebooks are on the work disk: nothing to download first.
    assert done_page.download_first is None
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=LAUNCH_MS)
    assert _instance_state(done_page.result.instance_id) in ("stopping", "stopped")


def _instance_state(instance_id: str) -> str:
    ec2 = boto3.client("ec2", region_name=REGION)
    reservations = ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
    return str(reservations[0]["Instances"][0]["State"]["Name"])


def test_open_in_vs_code_uses_an_ssh_config_entry(
    qtbot: QtBot,
    launch_world: StandIn,
    make_wizard: WizardFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # VS Code cannot be installed here: a `code` launcher that records how it was called.
    bin_dir, home = tmp_path / "bin", tmp_path / "home"
    bin_dir.mkdir()
    home.mkdir()
    calls = tmp_path / "code-calls.txt"
    code = bin_dir / "code"
    code.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    code.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("HOME", str(home))  # the ~/.ssh/config entry lands here
    wizard = make_wizard()
    _launch(qtbot, wizard)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    if not done.result.ssh_command:
        pytest.fail("the launch gave no SSH command to build the VS Code entry from")
    click(qtbot, done.vscode_button)
    qtbot.waitUntil(calls.exists, timeout=10_000)
    alias = f"ec2nb-{done.result.instance_id}"
    assert calls.read_text().split() == ["--remote", f"ssh-remote+{alias}", "."]
    config = home / ".ssh" / "config"
    assert f"Host {alias}" in config.read_text()
    # Terminating removes the entry with the machine.
    click(qtbot, done.terminate_button)
    box = _box(qtbot, done, "terminateDialog", timeout=5_000)
    # The launch has a work disk (the default): the dialog keeps it unless told otherwise.
    click(qtbot, box.findChild(QPushButton, "deleteEverything"))
    qtbot.waitUntil(lambda: done.ended == "terminated", timeout=LAUNCH_MS)
    assert f"Host {alias}" not in config.read_text()
    # "Delete everything": no volume is left, the work disk included.
    volumes = boto3.client("ec2", region_name=REGION).describe_volumes()["Volumes"]
    assert volumes == []


def test_a_one_time_spot_launch_offers_no_stop_and_says_why(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    gpu = advance_to(qtbot, wizard, PageId.GPU)
    qtbot.waitUntil(lambda: gpu.model.rowCount() > 0, timeout=30_000)
    click(qtbot, gpu.spot)
    _launch(qtbot, wizard)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    assert not done.result.can_stop
    assert not done.stop_button.isVisible()  # AWS cannot stop it: Terminate only
    assert done.terminate_button.isVisible()
    assert done.warnings.isVisible()
    assert "No idle alarm" in done.warnings.text()
    assert "cannot be stopped, only terminated" in done.idle_note.text()
    assert "terminates itself" in done.idle_note.text()  # the idle agent's shutdown does
    wizard.close()
    box = _box(qtbot, wizard, "closeDialog", timeout=5_000)
    assert "Stop the machine" not in [b.text() for b in box.buttons()]
    click(qtbot, _button(box, box.tr("Keep it running")))


def test_a_failed_idle_alarm_is_shown_on_the_done_page(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    from app.demo.service_realism import service_realism

    service_realism(launch_world.aws).alarm_role.may_create = False
    wizard = make_wizard()
    _launch(qtbot, wizard)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    assert done.warnings.isVisible()
    assert "The idle alarm could not be created" in done.warnings.text()
    assert "iam:CreateServiceLinkedRole" in done.warnings.text()
    assert done.stop_button.isVisible()


def test_https_mode_shows_the_certificate_fingerprint_to_compare(
    qtbot: QtBot, launch_world: StandIn, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    network = advance_to(qtbot, wizard, PageId.NETWORK)
    click(qtbot, network.https)
    _launch(qtbot, wizard)
    done = wait_for_page(qtbot, wizard, PageId.DONE, timeout=LAUNCH_MS)
    fingerprint = done.result.notebook.cert_fingerprint
    assert fingerprint.count(":") == 31  # SHA-256 as the browsers' certificate viewers show it
    assert done.certificate.isVisible()
    assert fingerprint in done.certificate.text()
    assert "before you accept" in done.certificate.text().lower()


def test_tunnel_mode_shows_no_certificate(done_page: Any) -> None:
    assert not done_page.certificate.isVisible()
