"""Storage, network, key pair and review pages: validation, Next, and what they put in the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import boto3
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.flow import PageId
from app.core.keys import generate_key, public_openssh_line, to_pem
from app.core.plan import Access, GroupChoice, KeyChoice
from tests.support.constants import REGION, SECRET_ACCESS_KEY
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click, next_button


@pytest.fixture
def wizard(qtbot: QtBot, world: Any, make_wizard: WizardFactory, monkeypatch: Any) -> Any:
    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")
    return make_wizard()


def test_storage_starts_at_the_image_minimum_and_prices_the_disk(qtbot: QtBot, wizard: Any) -> None:
    page = advance_to(qtbot, wizard, PageId.STORAGE)
    minimum = wizard.ctx.state.min_volume_gib
    assert minimum
    assert page.size.minimum() == minimum
    assert wizard.ctx.plan.volume_gib == page.size.value() >= minimum
    page.size.setValue(200)
    assert wizard.ctx.plan.volume_gib == 200
    assert "$16.00" in page.cost.text()  # 200 GiB of gp3
    page.volume_type.setCurrentIndex(page.volume_type.findData("gp2"))
    assert wizard.ctx.plan.volume_type == "gp2"
    assert "$20.00" in page.cost.text()
    assert not page.keep_note.isVisible()
    click(qtbot, page.delete_on_termination)
    assert not wizard.ctx.plan.delete_volume_on_termination
    assert page.keep_note.isVisible()
    assert next_button(wizard).isEnabled()


def test_network_validates_the_range_and_the_group(qtbot: QtBot, wizard: Any) -> None:
    page = advance_to(qtbot, wizard, PageId.NETWORK)
    qtbot.waitUntil(lambda: "198.51.100.23" in page.my_ip_label.text(), timeout=10_000)
    plan = wizard.ctx.plan
    assert plan.ssh_cidr is None  # "my IP", looked up at launch
    assert plan.access is Access.TUNNEL
    click(qtbot, page.cidr)
    assert not next_button(wizard).isEnabled()
    qtbot.keyClicks(page.cidr_edit, "10.0.0.300/8")
    assert not next_button(wizard).isEnabled()
    assert "not an IP address range" in page.needs_label.text()
    page.cidr_edit.setText("203.0.113.7")
    assert plan.ssh_cidr == "203.0.113.7/32"
    assert next_button(wizard).isEnabled()
    assert not page.allow_wide.isVisible()
    # Half the Internet (or all of it) is allowed only once the user ticks the confirmation.
    for wide in ("0.0.0.0/1", "0.0.0.0/0", "10.0.0.0/8"):
        page.cidr_edit.setText(wide)
        assert not next_button(wizard).isEnabled()
        assert "wider than /16" in page.needs_label.text()
        assert page.allow_wide.isVisible()
    click(qtbot, page.allow_wide)
    assert plan.allow_wide_cidr
    assert next_button(wizard).isEnabled()
    page.cidr_edit.setText("203.0.113.0/24")
    assert not page.allow_wide.isVisible()
    assert not plan.allow_wide_cidr
    click(qtbot, page.existing_group)
    assert plan.group_choice is GroupChoice.EXISTING
    assert not next_button(wizard).isEnabled()
    qtbot.keyClicks(page.group_id, "sg-nope")
    assert "sg-" in page.needs_label.text()
    page.group_id.setText("sg-0123456789abcdef0")
    assert next_button(wizard).isEnabled()
    assert not page.https_note.isVisible()
    click(qtbot, page.https)
    assert plan.access is Access.HTTPS
    assert page.https_note.isVisible()


def _ec2_key_pair(tmp_path: Path, name: str) -> Path:
    key = generate_key("rsa")
    boto3.client("ec2", region_name=REGION).import_key_pair(
        KeyName=name, PublicKeyMaterial=public_openssh_line(key).encode()
    )
    path = tmp_path / f"{name}.pem"
    path.write_text(to_pem(key))
    path.chmod(0o600)
    return path


def test_an_existing_key_must_match_its_ec2_key_pair(
    qtbot: QtBot, wizard: Any, tmp_path: Path
) -> None:
    mine = _ec2_key_pair(tmp_path, "mine")
    other = _ec2_key_pair(tmp_path, "other")
    page = advance_to(qtbot, wizard, PageId.KEY_PAIR)
    assert wizard.ctx.plan.key_choice is KeyChoice.NEW_LOCAL
    assert next_button(wizard).isEnabled()
    click(qtbot, page.existing)
    assert page.existing_box.isVisible()
    assert not page.new_box.isVisible()
    assert not next_button(wizard).isEnabled()
    page.key_file.setText(str(other))
    page.key_name.setText("mine")  # the wrong file for this key pair
    click(qtbot, page.verify_button)
    qtbot.waitUntil(lambda: not page.task_running("verify-key"), timeout=20_000)
    assert page.error_panel.isVisible()
    assert not next_button(wizard).isEnabled()
    page.key_file.setText(str(mine))
    assert page.key_name.text() == "mine"
    click(qtbot, page.verify_button)
    qtbot.waitUntil(lambda: wizard.ctx.state.existing_key_verified, timeout=20_000)
    assert "SHA256:" in page.fingerprint.text()
    assert not page.error_panel.isVisible()
    assert next_button(wizard).isEnabled()
    assert (wizard.ctx.plan.key_path, wizard.ctx.plan.existing_key_name) == (str(mine), "mine")


def test_key_options_reach_the_plan_and_the_passphrase_stays_out_of_it(
    qtbot: QtBot, wizard: Any
) -> None:
    page = advance_to(qtbot, wizard, PageId.KEY_PAIR)
    page.key_type.setCurrentIndex(page.key_type.findData("rsa"))
    page.ppk_version.setCurrentIndex(page.ppk_version.findData(2))
    qtbot.keyClicks(page.passphrase, "correct horse battery")
    plan = wizard.ctx.plan
    assert (plan.key_type, plan.ppk_version) == ("rsa", 2)
    assert wizard.ctx.key_passphrase == "correct horse battery"
    assert "correct horse" not in plan.to_json()
    click(qtbot, page.aws_created)
    assert plan.key_choice is KeyChoice.AWS_CREATED
    assert wizard.ctx.key_passphrase is None
    assert not page.passphrase.isEnabled()


def test_review_prices_the_day_and_checks_the_git_url(
    qtbot: QtBot, wizard: Any, settings: QSettings
) -> None:
    page = advance_to(qtbot, wizard, PageId.REVIEW)
    hourly = wizard.ctx.hourly_price()
    assert hourly
    assert f"${hourly:.2f} per hour" in page.price.text()
    assert f"${hourly * 8:.2f} per 8-hour day" in page.price.text()
    # The disk beside it, by hand from resources/prices/ebs.json: gp3 0.08 USD per GiB-month.
    plan = wizard.ctx.plan
    assert (plan.region, plan.volume_type) == ("us-east-1", "gp3")
    monthly = plan.volume_gib * 0.08
    assert f"{plan.volume_gib} GiB gp3, about ${monthly:.2f} per month" in page.disk_cost.text()
    assert page.idle_stop.isChecked()
    assert page.idle_minutes.value() == 60
    assert wizard.ctx.plan.idle_stop_minutes == 60
    assert wizard.ctx.plan.instance_type in page.rows["gpu"].text()
    qtbot.keyClicks(page.git_repo, "not a url")
    assert not next_button(wizard).isEnabled()
    assert "Git URL" in page.needs_label.text()
    page.git_repo.setText("https://github.com/example/project.git")
    assert next_button(wizard).isEnabled()
    click(qtbot, page.idle_stop)
    assert wizard.ctx.plan.idle_stop_minutes is None
    assert not page.idle_minutes.isEnabled()
    # Launching remembers the choices for next time, never a secret.
    assert page.validatePage()
    settings.sync()
    stored = Path(settings.fileName()).read_text()
    assert wizard.ctx.plan.instance_type in stored
    assert SECRET_ACCESS_KEY not in stored


def test_remembered_choices_come_back_in_a_new_window(
    qtbot: QtBot, wizard: Any, make_wizard: WizardFactory
) -> None:
    page = advance_to(qtbot, wizard, PageId.REVIEW)
    wizard.ctx.plan.volume_gib = 150
    assert page.validatePage()
    again = make_wizard()
    assert again.ctx.plan.volume_gib == 150
    assert again.ctx.plan.instance_type == wizard.ctx.plan.instance_type
    assert again.ctx.plan.profile == wizard.ctx.plan.profile


def test_demo_window_says_demo(make_wizard: WizardFactory) -> None:
    wizard = make_wizard(demo=True)
    assert "DEMO" in wizard.windowTitle()
    assert wizard.side_panel.demo_banner.isVisible()
    plain = make_wizard()
    assert "DEMO" not in plain.windowTitle()
    assert not plain.side_panel.demo_banner.isVisible()


def test_the_keyboard_alone_reaches_the_review(qtbot: QtBot, wizard: Any) -> None:
    wizard.activateWindow()
    qtbot.waitActive(wizard)

    def press_enter() -> None:
        target = QApplication.focusWidget() or wizard
        qtbot.keyClick(target, Qt.Key.Key_Return)

    press_enter()  # "New notebook" has the focus
    for page in (PageId.IMAGE, PageId.GPU, PageId.STORAGE, PageId.NETWORK, PageId.KEY_PAIR):
        qtbot.waitUntil(lambda: next_button(wizard).isEnabled(), timeout=30_000)
        press_enter()
        qtbot.waitUntil(lambda page=page: wizard.current_page_id() is page, timeout=10_000)
    qtbot.waitUntil(lambda: next_button(wizard).isEnabled(), timeout=30_000)
    press_enter()
    qtbot.waitUntil(lambda: wizard.current_page_id() is PageId.REVIEW, timeout=10_000)


def test_review_offers_a_spending_alert_that_needs_a_whole_email(qtbot: QtBot, wizard: Any) -> None:
    page = advance_to(qtbot, wizard, PageId.REVIEW)
    box = page.budget
    assert not box.enabled.isChecked()
    assert wizard.ctx.plan.budget_usd is None
    assert "first two budgets are free" in box.note.text()
    click(qtbot, box.enabled)
    box.limit.setValue(40)
    assert wizard.ctx.plan.budget_usd == 40
    assert not next_button(wizard).isEnabled()  # no address yet
    qtbot.keyClicks(box.email, "ada@example")
    assert not next_button(wizard).isEnabled()
    assert "is not an email address" in page.needs_label.text()
    qtbot.keyClicks(box.email, ".com")
    assert next_button(wizard).isEnabled()
    assert wizard.ctx.plan.budget_email == "ada@example.com"
    click(qtbot, box.enabled)
    assert (wizard.ctx.plan.budget_usd, wizard.ctx.plan.budget_email) == (None, None)
    assert not box.email.isEnabled()
