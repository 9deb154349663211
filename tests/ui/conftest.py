"""Fixtures of the wizard's tests: a private QSettings file, an AWS profile, a shown wizard."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.integration.launch.stand_in import stand_in
from tests.support.constants import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY

__all__ = ["stand_in"]  # the stand-in instance fixture, shared with tests/integration/launch

PROFILE = "work"


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[QSettings]:
    """Remembered choices in this test's own INI file: nothing leaks between tests."""
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield store
    store.sync()


@pytest.fixture
def aws_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Empty AWS config and credentials files of this test (the sandbox's stay untouched)."""
    folder = tmp_path / "aws"
    folder.mkdir()
    config, credentials = folder / "config", folder / "credentials"
    config.write_text("")
    credentials.write_text("")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    return config, credentials


@pytest.fixture
def aws_profile(aws_files: tuple[Path, Path]) -> str:
    """A named profile holding the emulator's dummy keys, as a user who set up the CLI has."""
    config, credentials = aws_files
    config.write_text(f"[profile {PROFILE}]\nregion = {REGION}\n")
    credentials.write_text(
        f"[{PROFILE}]\naws_access_key_id = {ACCESS_KEY_ID}\n"
        f"aws_secret_access_key = {SECRET_ACCESS_KEY}\n"
    )
    return PROFILE


WizardFactory = Callable[..., Any]


@pytest.fixture
def make_wizard(qtbot: QtBot, settings: QSettings) -> Iterator[WizardFactory]:
    """Builds and shows the wizard; afterwards stops its calls before Qt deletes it."""
    from app.ui.wizard import NotebookWizard

    made: list[NotebookWizard] = []
    thresholds = gc.get_threshold()

    def make(**kwargs: Any) -> NotebookWizard:
        wizard = NotebookWizard(settings=settings, **kwargs)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.ctx.runner.cancel_all()
        assert wizard.ctx.runner.wait(30_000), "a worker did not stop"
        QApplication.processEvents()
        for child in wizard.findChildren(QWidget):
            if child.isWindow() and child.isVisible() and child is not wizard:
                child.close()
        # Nothing is left to ask about: close for real.
        result = wizard.ctx.launch_result
        if result is not None and result.tunnel is not None:
            result.tunnel.close()
        wizard.ctx.launch_result = None
        QApplication.processEvents()
    # The wizard freezes long-lived objects out of the GC and makes full collections rare
    # (app.ui.gc_policy): undo both, so that other tests' garbage is collected as usual.
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.fixture
def world(aws: Any, aws_profile: str) -> Any:
    """The emulator as the demo sees it: Deep Learning AMIs, prices, quotas, spot prices."""
    from app.demo.seed import seed_images
    from app.demo.services import emulate_missing_services

    seed_images(aws, (REGION,))
    emulate_missing_services(aws)
    return aws
