"""Credentials page against the emulator's STS: the check, its errors, pasted keys, regions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from tests.support.aws_emulator import AwsEmulator
from tests.support.constants import ACCESS_KEY_ID, ACCOUNT_ID, SECRET_ACCESS_KEY
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click, next_button, wait_for_page


def _open_credentials(qtbot: QtBot, make_wizard: WizardFactory) -> tuple[Any, Any]:
    wizard = make_wizard()
    click(qtbot, wizard.page_of(PageId.WELCOME).new_button)
    return wizard, wait_for_page(qtbot, wizard, PageId.CREDENTIALS)


def test_a_profile_is_checked_without_a_click(
    qtbot: QtBot, aws: AwsEmulator, aws_profile: str, make_wizard: WizardFactory
) -> None:
    wizard, page = _open_credentials(qtbot, make_wizard)
    qtbot.waitUntil(lambda: wizard.ctx.state.account == ACCOUNT_ID, timeout=20_000)
    assert page.profile_combo.currentData() == aws_profile
    assert ACCOUNT_ID in page.result_label.text()
    assert "arn:aws:" in page.result_label.text()
    assert next_button(wizard).isEnabled()
    assert "GetCallerIdentity" in aws.calls


def test_a_failed_check_shows_the_message_and_details_and_keeps_next_off(
    qtbot: QtBot, aws: AwsEmulator, aws_profile: str, make_wizard: WizardFactory
) -> None:
    aws.inject("GetCallerIdentity", "InvalidClientTokenId", message="The token is invalid.")
    wizard, page = _open_credentials(qtbot, make_wizard)
    qtbot.waitUntil(page.error_panel.isVisible, timeout=20_000)
    assert not next_button(wizard).isEnabled()
    message = page.error_panel.message.text()
    assert message
    assert "Traceback" not in message
    assert page.error_panel.details_button.isVisible()
    click(qtbot, page.error_panel.details_button)
    assert page.error_panel.details.isVisible()
    assert "InvalidClientTokenId" in page.error_panel.details.toPlainText()
    # The page stays usable: checking again works (the fault fired once).
    click(qtbot, page.check_button)
    qtbot.waitUntil(lambda: wizard.ctx.state.account == ACCOUNT_ID, timeout=20_000)
    assert not page.error_panel.isVisible()
    assert next_button(wizard).isEnabled()


def test_pasted_keys_are_checked_and_never_remembered(
    qtbot: QtBot,
    aws: AwsEmulator,
    aws_files: tuple[Path, Path],
    make_wizard: WizardFactory,
    settings: QSettings,
) -> None:
    wizard, page = _open_credentials(qtbot, make_wizard)
    qtbot.waitUntil(lambda: page.profile_combo.count() > 0, timeout=20_000)
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("\x00paste"))
    assert page.keys_box.isVisible()
    assert not next_button(wizard).isEnabled()
    qtbot.keyClicks(page.access_key, ACCESS_KEY_ID)
    qtbot.keyClicks(page.secret_key, SECRET_ACCESS_KEY)
    assert page.secret_key.echoMode() is QLineEdit.EchoMode.Password
    page.show_secret_box.setChecked(True)
    assert page.secret_key.echoMode() is QLineEdit.EchoMode.Normal
    page.show_secret_box.setChecked(False)
    click(qtbot, page.check_button)
    qtbot.waitUntil(lambda: wizard.ctx.state.account == ACCOUNT_ID, timeout=20_000)
    assert wizard.ctx.credentials.secret_access_key == SECRET_ACCESS_KEY
    settings.sync()
    stored = Path(settings.fileName()).read_text() if Path(settings.fileName()).exists() else ""
    assert SECRET_ACCESS_KEY not in stored
    assert ACCESS_KEY_ID not in stored
    _config, credentials = aws_files
    assert SECRET_ACCESS_KEY not in credentials.read_text()  # not saved unless asked


def test_a_malformed_key_is_refused_before_asking_aws(
    qtbot: QtBot, aws: AwsEmulator, aws_files: tuple[Path, Path], make_wizard: WizardFactory
) -> None:
    _wizard, page = _open_credentials(qtbot, make_wizard)
    qtbot.waitUntil(lambda: page.profile_combo.count() > 0, timeout=20_000)
    # The keys in the environment are checked without a click: that call is not the one here.
    qtbot.waitUntil(lambda: not page.task_running("check"), timeout=20_000)
    asked = aws.calls.count("GetCallerIdentity")
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("\x00paste"))
    qtbot.keyClicks(page.access_key, "not-a-key")
    click(qtbot, page.check_button)
    assert page.error_panel.isVisible()
    assert "AKIA" in page.error_panel.message.text()
    assert aws.calls.count("GetCallerIdentity") == asked


def test_pasted_keys_can_be_saved_as_a_profile(
    qtbot: QtBot, aws: AwsEmulator, aws_files: tuple[Path, Path], make_wizard: WizardFactory
) -> None:
    wizard, page = _open_credentials(qtbot, make_wizard)
    qtbot.waitUntil(lambda: page.profile_combo.count() > 0, timeout=20_000)
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("\x00paste"))
    qtbot.keyClicks(page.access_key, ACCESS_KEY_ID)
    qtbot.keyClicks(page.secret_key, SECRET_ACCESS_KEY)
    page.save_profile.setChecked(True)
    page.profile_name.setText("pasted")
    click(qtbot, page.check_button)
    qtbot.waitUntil(lambda: wizard.ctx.state.account == ACCOUNT_ID, timeout=20_000)
    _config, credentials = aws_files
    assert "[pasted]" in credentials.read_text()


def test_changing_the_region_checks_again(
    qtbot: QtBot, aws: AwsEmulator, aws_profile: str, make_wizard: WizardFactory
) -> None:
    wizard, page = _open_credentials(qtbot, make_wizard)
    qtbot.waitUntil(lambda: wizard.ctx.state.account == ACCOUNT_ID, timeout=20_000)
    calls = aws.calls.count("GetCallerIdentity")
    page.region_combo.setCurrentIndex(page.region_combo.findData("eu-west-1"))
    assert wizard.ctx.plan.region == "eu-west-1"
    qtbot.waitUntil(lambda: wizard.ctx.state.account == ACCOUNT_ID, timeout=20_000)
    assert aws.calls.count("GetCallerIdentity") == calls + 1
    assert wizard.ctx.choices.region == "eu-west-1"


def test_a_check_under_way_does_not_count_for_a_choice_made_since(
    qtbot: QtBot, aws: AwsEmulator, aws_profile: str, make_wizard: WizardFactory
) -> None:
    wizard, page = _open_credentials(qtbot, make_wizard)
    qtbot.waitUntil(lambda: wizard.ctx.state.account == ACCOUNT_ID, timeout=20_000)
    # Check the profile again and, before its answer is delivered, switch to pasting keys.
    page.check()
    stale = page._tasks["check"]
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("\x00paste"))
    qtbot.waitUntil(lambda: stale.done, timeout=20_000)
    assert wizard.ctx.state.account is None
    assert page.result_label.text() == ""
    assert not next_button(wizard).isEnabled()
