"""The work disk in the wizard (issue 14): the storage page's choice among new, the kept disks
(a disk elsewhere listed but not offered) and none; the review line; the terminate question."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.core.aws.session import Credentials, make_session
from app.core.aws.work_disks import create_work_disk, list_work_disks
from app.core.flow import PageId
from app.ui import i18n
from app.ui.dialogs import terminate_dialog
from tests.support.constants import REGION
from tests.ui.conftest import WizardFactory
from tests.ui.helpers import advance_to, click
from tests.ui.screen_checks import assert_chinese, clipped_texts

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def wizard(qtbot: QtBot, world: Any, make_wizard: WizardFactory, monkeypatch: Any) -> Any:
    monkeypatch.setenv("EC2NB_PUBLIC_IP", "198.51.100.23")
    return make_wizard()


def _kept_disks() -> None:
    """A disk here and one in another region."""
    here = make_session(Credentials(), REGION)
    create_work_disk(here, REGION, f"{REGION}a", "thesis", 50, poll_seconds=0.05)
    create_work_disk(here, "eu-west-1", "eu-west-1a", "old-project", 20, poll_seconds=0.05)


def _items(page: Any) -> list[tuple[str, bool]]:
    combo = page.work_disk.combo
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    return [(combo.itemText(i), model.item(i).isEnabled()) for i in range(combo.count())]


def test_storage_offers_a_new_disk_the_kept_ones_and_none(qtbot: QtBot, wizard: Any) -> None:
    _kept_disks()
    page = advance_to(qtbot, wizard, PageId.STORAGE)
    plan = wizard.ctx.plan
    assert plan.work_disk == "new:50"  # the default
    assert "$4.00 per month" in page.work_disk.note.text()  # 50 GiB of gp3
    qtbot.waitUntil(lambda: page.work_disk.combo.count() == 4, timeout=20_000)
    items = _items(page)
    assert items[0] == ("New work disk", True)
    assert items[-1] == ("No work disk", True)
    assert ("Reuse thesis (50 GiB, us-east-1a, $4.00/month)", True) in items
    # The disk in another region is shown, not offered: it must be moved first.
    elsewhere = [text for text, enabled in items if "old-project" in text]
    assert elsewhere == [
        "Reuse old-project (20 GiB, eu-west-1a, $1.76/month): in eu-west-1a: move it first "
        "(Move it here…)"
    ]
    assert [enabled for text, enabled in items if "old-project" in text] == [False]
    page.work_disk.size.setValue(80)
    assert plan.work_disk == "new:80"
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        page.work_disk.combo.setCurrentIndex(page.work_disk.combo.findData("thesis"))
        assert wizard.grab().save(str(SCREENSHOTS / "05b-storage-work-disk.png"))
    page.work_disk.combo.setCurrentIndex(page.work_disk.combo.findData("thesis"))
    assert plan.work_disk == "thesis"
    assert "us-east-1a" in page.work_disk.note.text()
    assert not page.work_disk.size.isVisible()
    page.work_disk.combo.setCurrentIndex(page.work_disk.combo.findData("none"))
    assert plan.work_disk == "none"
    review = advance_to(qtbot, wizard, PageId.REVIEW)
    assert review.rows["work_disk"].text() == "none: your files go with the machine"


def test_a_disk_in_a_zone_without_the_gpu_type_is_not_offered(qtbot: QtBot, wizard: Any) -> None:
    _kept_disks()
    page = advance_to(qtbot, wizard, PageId.STORAGE)
    qtbot.waitUntil(lambda: page.work_disk.combo.count() == 4, timeout=20_000)
    zones = list(wizard.ctx.gpu.zones)
    page.work_disk.set_disks(
        page.work_disk.disks, region=REGION, zones=[z for z in zones if z != f"{REGION}a"]
    )
    thesis = [(text, enabled) for text, enabled in _items(page) if "thesis" in text]
    assert thesis == [
        ("Reuse thesis (50 GiB, us-east-1a, $4.00/month): in us-east-1a: move it first "
         "(Move it here…)", False)
    ]  # fmt: skip
    # A choice no longer possible falls back to a new disk.
    page.work_disk.set_choice("thesis")
    assert page.work_disk.choice() == "new:50"


def _disk() -> Any:
    session = make_session(Credentials(), REGION)
    create_work_disk(session, REGION, f"{REGION}a", "thesis", 50, poll_seconds=0.05)
    return list_work_disks(session, REGION)[0]


@pytest.mark.parametrize("answer", ["keepWorkDisk", "deleteEverything"])
def test_the_terminate_question_keeps_the_work_disk_unless_told(
    qtbot: QtBot, world: Any, answer: str
) -> None:
    parent = QWidget()
    parent.resize(1024, 700)
    qtbot.addWidget(parent)
    chosen: list[str] = []
    box = terminate_dialog(
        parent,
        title="Terminate the machine?",
        text="Terminate i-0123 and remove what its launch created?",
        button="Terminate and clean up",
        on_terminate=lambda: chosen.append("keep"),
        work_disk=_disk(),
        on_delete_everything=lambda: chosen.append("everything"),
    )
    keep = box.findChild(QPushButton, "keepWorkDisk")
    assert keep.text() == "Keep my work disk ($4.00/month)"
    assert box.defaultButton() is keep  # keeping is the default
    assert box.findChild(QPushButton, "deleteEverything").text() == "Delete everything"
    assert "Your work disk thesis (50 GiB" in box.text()
    if answer == "keepWorkDisk" and os.environ.get("EC2NB_SCREENSHOTS") == "1":
        qtbot.waitUntil(box.isVisible)
        assert box.grab().save(str(SCREENSHOTS / "10b-terminate-work-disk.png"))
    click(qtbot, box.findChild(QPushButton, answer))
    qtbot.waitUntil(lambda: bool(chosen))
    assert chosen == ["keep" if answer == "keepWorkDisk" else "everything"]


def test_without_a_work_disk_the_question_is_as_before(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    box = terminate_dialog(
        parent, title="t", text="Terminate?", button="Terminate and clean up",
        on_terminate=lambda: None,
    )  # fmt: skip
    assert [
        b.text() for b in box.buttons() if box.buttonRole(b) != QMessageBox.ButtonRole.RejectRole
    ] == ["Terminate and clean up"]


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


@pytest.mark.usefixtures("chinese")
def test_the_work_disk_choice_and_question_are_chinese(qtbot: QtBot, wizard: Any) -> None:
    _kept_disks()
    page = advance_to(qtbot, wizard, PageId.STORAGE)
    qtbot.waitUntil(lambda: page.work_disk.combo.count() == 4, timeout=20_000)
    names = ["thesis", "old-project", "us-east-1a", "eu-west-1a", "~/work", "ec2nb disks move"]
    for text, _enabled in _items(page):
        assert_chinese(text, names)
    page.work_disk.combo.setCurrentIndex(page.work_disk.combo.findData("thesis"))
    assert_chinese(page.work_disk.note.text(), names)
    assert not clipped_texts(wizard)
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        assert wizard.grab().save(str(SCREENSHOTS / "zh_CN" / "05b-storage-work-disk.png"))
    box = wizard.page_of(PageId.INSTANCES)  # any page: the question is the dialogs' own
    dialog = terminate_dialog(
        box, title="t", text="终止 i-0123？", button="x", on_terminate=lambda: None,
        work_disk=_disk_named("thesis"), on_delete_everything=lambda: None,
    )  # fmt: skip
    assert_chinese(dialog.findChild(QPushButton, "keepWorkDisk").text())
    assert_chinese(dialog.findChild(QPushButton, "deleteEverything").text())
    assert_chinese(dialog.text(), names)
    if os.environ.get("EC2NB_SCREENSHOTS") == "1":
        qtbot.waitUntil(dialog.isVisible)
        assert dialog.grab().save(str(SCREENSHOTS / "zh_CN" / "10b-terminate-work-disk.png"))
    dialog.reject()


def _disk_named(name: str) -> Any:
    session = make_session(Credentials(), REGION)
    return next(d for d in list_work_disks(session, REGION) if d.name == name)
