"""The wizard and the command line share one demo world: a CLI demo launch is in My instances."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from app.demo.world import connect
from tests.e2e.demo_world import DemoWorld
from tests.support.tools import require_tool
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click, click_next, wait_for_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def cli_world(tmp_path: Path) -> Iterator[DemoWorld]:
    """A demo world of the test's own; this process joins it as ``ec2nb --demo`` would."""
    world = DemoWorld(tmp_path)
    saved = dict(os.environ)
    try:
        yield world
    finally:
        os.environ.clear()
        os.environ.update(saved)
        world.reset()


def test_an_instance_launched_from_the_command_line_shows_in_my_instances(
    qtbot: QtBot, cli_world: DemoWorld, make_wizard: WizardFactory
) -> None:
    require_tool("sshd", "openssh-server")
    launched = cli_world.ready("launch", "--yes", "--no-browser", name="launch")
    # What `ec2nb --demo` (the wizard) does at its start, in this process.
    os.environ["EC2NB_HOME"] = cli_world.env["EC2NB_HOME"]
    connect(cli_world.home)
    wizard = make_wizard(demo=True)
    click(qtbot, wizard.page_of(PageId.WELCOME).instances_button)
    wait_for_page(qtbot, wizard, PageId.CREDENTIALS)
    click_next(qtbot, wizard)
    page: Any = wait_for_page(qtbot, wizard, PageId.INSTANCES)
    qtbot.waitUntil(lambda: len(page.instances) == 1, timeout=30_000)
    (listed,) = page.instances
    assert (listed.instance_id, listed.launch_id) == (
        launched["instance_id"],
        launched["launch_id"],
    )
    assert listed.state == "running"
    page.table.selectRow(0)
    # The launch's record and key are the demo world's: the wizard can open its notebook.
    assert page.open_button.isEnabled()
    assert page.stop_button.isEnabled()
