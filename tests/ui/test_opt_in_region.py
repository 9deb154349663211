"""The credentials page in a region the account has not enabled says so (issue 12, fix 9)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from tests.support.aws_emulator import AwsEmulator, needs_realism
from tests.support.constants import ACCESS_KEY_ID, SECRET_ACCESS_KEY
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import click, next_button, wait_for_page

pytestmark = needs_realism


def test_a_profile_in_a_disabled_region_is_told_to_enable_it(
    qtbot: QtBot, aws: AwsEmulator, aws_files: tuple[Path, Path], make_wizard: WizardFactory
) -> None:
    config, credentials = aws_files
    config.write_text("[profile cape]\nregion = af-south-1\n")
    credentials.write_text(
        f"[cape]\naws_access_key_id = {ACCESS_KEY_ID}\n"
        f"aws_secret_access_key = {SECRET_ACCESS_KEY}\n"
    )
    wizard = make_wizard()
    click(qtbot, wizard.page_of(PageId.WELCOME).new_button)
    page = wait_for_page(qtbot, wizard, PageId.CREDENTIALS)
    # The only profile is checked at once, in its own region.
    qtbot.waitUntil(page.error_panel.isVisible, timeout=20_000)
    assert wizard.ctx.plan.region == "af-south-1"
    text = page.error_panel.message.text()
    assert "af-south-1 is not enabled for your account" in text
    assert "AWS Regions" in text
    assert "access key" not in text
    assert not next_button(wizard).isEnabled()
