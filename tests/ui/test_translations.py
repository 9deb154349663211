"""The Simplified Chinese catalog is complete, current and faithful, and the wizard speaks it.

The catalog check runs ``scripts/update_translations.py`` on a copy of the committed files: if
the sources gained or lost a text, or a text has no finished translation, or the committed
``.qm`` is not the compiled ``.ts``, the fix is to run ``scripts/update_translations.sh`` and
translate what it marks ``unfinished``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from app.core.errors import WizardError
from app.core.flow import PageId
from app.ui import i18n
from app.ui.qt_fixes import emit
from tests.ui.conftest import WizardFactory

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "ec2nb_zh_CN.ts"
QM = TRANSLATIONS / "ec2nb_zh_CN.qm"

# What must survive translation: Qt's %1/%n/%L1 and QProgressBar's %v/%m/%p, Python's
# {name} and {name:.2f}, rich-text tags, and the one & of a keyboard accelerator.
_QT_ARG = re.compile(r"%(?:L?\d{1,2}|n|[vmp])")
_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ACCELERATOR = re.compile(r"&(?=[^&\s])")

MessageKey = tuple[str, str, str, bool]  # context, source, comment, plural


def read_catalog(path: Path) -> dict[MessageKey, tuple[bool, list[str]]]:
    """Each message of a .ts: (finished, translation forms)."""
    catalog: dict[MessageKey, tuple[bool, list[str]]] = {}
    # Our own committed file, not untrusted input.
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            plural = message.get("numerus") == "yes"
            key = (
                name,
                message.findtext("source") or "",
                message.findtext("comment") or "",
                plural,
            )
            translation = message.find("translation")
            assert translation is not None
            forms = (
                [form.text or "" for form in translation.iter("numerusform")]
                if plural
                else [translation.text or ""]
            )
            finished = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            catalog[key] = (finished and all(f.strip() for f in forms), forms)
    return catalog


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed .ts run through lupdate/lrelease again, in a folder of its own."""
    folder = tmp_path_factory.mktemp("translations")
    shutil.copy(TS, folder / TS.name)
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--out", str(folder)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder


@pytest.fixture
def chinese() -> Iterator[None]:
    """The wizard in Simplified Chinese for one test; English again afterwards."""
    i18n.install_language(i18n.CHINESE)
    yield
    i18n.install_language(i18n.ENGLISH)


def test_the_catalog_lists_every_translatable_text_of_the_sources(refreshed: Path) -> None:
    committed, fresh = set(read_catalog(TS)), set(read_catalog(refreshed / TS.name))
    added = sorted(k[:2] for k in fresh - committed)
    gone = sorted(k[:2] for k in committed - fresh)
    advice = "Run scripts/update_translations.sh and translate the new texts."
    assert not added, f"texts not in resources/translations yet: {added}. {advice}"
    assert not gone, f"texts no longer in the sources: {gone}. {advice}"


def test_every_text_has_a_finished_chinese_translation(refreshed: Path) -> None:
    unfinished = [
        key[:2] for key, (done, _f) in read_catalog(refreshed / TS.name).items() if not done
    ]
    assert not unfinished, f"{len(unfinished)} texts lack a finished translation: {unfinished}"


def test_the_committed_qm_is_the_compiled_ts(refreshed: Path) -> None:
    assert (refreshed / QM.name).read_bytes() == QM.read_bytes(), (
        "ec2nb_zh_CN.qm is stale: run scripts/update_translations.sh"
    )


def _marks(text: str) -> Counter[str]:
    found = Counter(_QT_ARG.findall(text)) + Counter(_FIELD.findall(text))
    found += Counter(re.sub(r"\s+", " ", tag) for tag in _TAG.findall(text))
    found["&accelerator"] = len(_ACCELERATOR.findall(text))
    found["line breaks"] = text.count("\n")
    return found


def test_translations_keep_every_placeholder_tag_and_accelerator() -> None:
    problems = []
    for (context, source, _comment, _plural), (_done, forms) in read_catalog(TS).items():
        for form in forms:
            if form and _marks(form) != _marks(source):
                problems.append(f"[{context}] {source!r} -> {form!r}")
    assert not problems, "translations that drop or add a placeholder:\n" + "\n".join(problems)


def test_the_placeholder_check_catches_a_dropped_or_added_value() -> None:
    assert _marks("{count} x {gpu:.1f}") != _marks("{count} 个")
    assert _marks("%n file(s)") != _marks("文件")
    assert _marks("%1 of %2") != _marks("%1 / %2 / %3")
    assert _marks("&Close") != _marks("关闭")
    assert _marks("<b>How</b>") != _marks("如何")
    assert _marks("{price:.2f} per hour") == _marks("每小时 {price:.2f}")


# -- choosing the language ---------------------------------------------------------------------


def test_the_command_line_wins_then_the_remembered_choice_then_the_system(
    settings: QSettings,
) -> None:
    chinese_system, german_system = QLocale("zh_TW"), QLocale("de_DE")
    assert i18n.choose_language(None, settings, chinese_system) == "zh_CN"
    assert i18n.choose_language(None, settings, german_system) == "en"
    settings.setValue(i18n.SETTINGS_KEY, "zh_CN")
    assert i18n.choose_language(None, settings, german_system) == "zh_CN"
    assert i18n.choose_language("en", settings, chinese_system) == "en"
    settings.setValue(i18n.SETTINGS_KEY, "en")
    assert i18n.choose_language(None, settings, chinese_system) == "en"
    assert i18n.choose_language("zh_CN", settings, german_system) == "zh_CN"


# -- the wizard in Chinese ---------------------------------------------------------------------


@pytest.mark.usefixtures("chinese")
def test_the_wizard_started_in_chinese_shows_chinese_pages_and_qt_buttons(
    qtbot: QtBot, make_wizard: WizardFactory
) -> None:
    wizard = make_wizard()
    welcome = wizard.page_of(PageId.WELCOME)
    assert welcome.title() == "欢迎"
    assert welcome.new_button.text() == "新建笔记本"
    assert wizard.language_box.currentText() == "简体中文"
    # Qt's own buttons come from the qtbase catalog PySide6 ships.
    assert "下一步" in wizard.button(QWizard.WizardButton.NextButton).text()
    assert wizard.button(QWizard.WizardButton.CancelButton).text() == "取消"
    assert "上一步" in wizard.button(QWizard.WizardButton.BackButton).text()
    assert wizard.button(QWizard.WizardButton.FinishButton).text() == "关闭(&C)"
    titles = [label.text() for _page, _icon, label in wizard.side_panel._rows]
    assert titles[:2] == ["AWS 账户", "系统映像 (AMI)"]


@pytest.mark.usefixtures("chinese")
def test_a_core_error_shows_in_chinese_with_its_values(
    qtbot: QtBot, make_wizard: WizardFactory, tmp_path: Path
) -> None:
    from app.core.keys import load_private_key

    missing = tmp_path / "my-key.pem"
    with pytest.raises(WizardError) as caught:
        load_private_key(missing)
    wizard = make_wizard()
    panel = wizard.page_of(PageId.WELCOME).error_panel
    panel.show_error(caught.value)
    assert panel.message.text() == f"文件 {missing} 不存在。"
    assert panel.details_button.text() == "详细信息"


def test_english_stays_english(qtbot: QtBot, make_wizard: WizardFactory) -> None:
    wizard = make_wizard()
    assert wizard.page_of(PageId.WELCOME).title() == "Welcome"
    assert "Next" in wizard.button(QWizard.WizardButton.NextButton).text()


def test_picking_chinese_reopens_the_wizard_in_chinese_and_remembers_it(
    qtbot: QtBot, make_wizard: WizardFactory, settings: QSettings
) -> None:
    wizard = make_wizard()
    box = wizard.language_box
    try:
        emit(box.activated, box.findData(i18n.CHINESE))
        fresh = i18n._reopened[-1]
        qtbot.addWidget(fresh)
        qtbot.waitExposed(fresh)
        assert not wizard.isVisible()
        assert fresh.page_of(PageId.WELCOME).title() == "欢迎"
        assert "下一步" in fresh.button(QWizard.WizardButton.NextButton).text()
        assert i18n.remembered_language(settings) == i18n.CHINESE
        assert i18n.choose_language(None, settings, QLocale("en_US")) == i18n.CHINESE

        emit(fresh.language_box.activated, fresh.language_box.findData(i18n.ENGLISH))
        english = i18n._reopened[-1]
        qtbot.addWidget(english)
        assert english.page_of(PageId.WELCOME).title() == "Welcome"
        assert i18n.remembered_language(settings) == i18n.ENGLISH
    finally:
        i18n.install_language(i18n.ENGLISH)
        for window in i18n._reopened + i18n._retired:
            window.ctx.runner.cancel_all()
            window.ctx.runner.wait(30_000)
        i18n._reopened.clear()
        i18n._retired.clear()
        QApplication.processEvents()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on any dialog
def test_the_language_stays_while_a_launch_runs(
    qtbot: QtBot, make_wizard: WizardFactory, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = make_wizard()
    monkeypatch.setattr(wizard.page_of(PageId.PROGRESS), "launch_running", lambda: True)
    try:
        box = wizard.language_box
        emit(box.activated, box.findData(i18n.CHINESE))
        assert wizard.isVisible()
        assert not i18n._reopened
        assert wizard.language_box_note.isVisible()
        assert "下次启动" in wizard.language_box_note.text()
        assert i18n.remembered_language(settings) == i18n.CHINESE
    finally:
        i18n.install_language(i18n.ENGLISH)
