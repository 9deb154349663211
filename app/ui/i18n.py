"""The wizard's language: English or Simplified Chinese, chosen, installed and switched.

The language is ``--lang`` when given, else the one the user picked last (QSettings), else the
system's (any Chinese locale gives Simplified Chinese, anything else English). Installing it
loads the app's catalog (``resources/translations/ec2nb_<lang>.qm``), Qt's own strings for
Back/Next/Cancel/Finish and the file dialogs (``qtbase_<lang>.qm`` shipped with PySide6). The
core's sentences are translated where they are shown (:mod:`app.ui.sentences`). The command line
stays English.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Signal
from PySide6.QtWidgets import QComboBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator

from app.core.paths import resource
from app.ui.qt_fixes import emit

log = logging.getLogger(__name__)

ENGLISH, CHINESE = "en", "zh_CN"
#: Each language under its own name, as a language menu shows it.
LANGUAGES: dict[str, str] = {ENGLISH: "English", CHINESE: "简体中文"}
SETTINGS_KEY = "ui/language"
APP_CATALOG = "ec2nb"
QT_CATALOG = "qtbase"

# The translators in use; Qt does not own them, so they must stay referenced here.
_installed: list[QTranslator] = []
_current = ENGLISH
# Wizards opened again in a new language (the first one is referenced by run_gui), and the
# windows they replaced: kept hidden rather than deleted, because a call that was running in
# one may still report to its pages.
_reopened: list[QWidget] = []
_retired: list[QWidget] = []


def normalise(lang: str | None) -> str | None:
    """``zh``, ``zh-CN``, ``zh_TW``... -> ``zh_CN``; ``en_GB``... -> ``en``; else ``None``."""
    if not lang:
        return None
    base = lang.replace("-", "_").split("_")[0].lower()
    if base == "zh":
        return CHINESE
    if base == "en":
        return ENGLISH
    return None


def system_language(locale: QLocale | None = None) -> str:
    """The language the system asks for: Chinese for any ``zh_*`` locale, else English."""
    return CHINESE if normalise((locale or QLocale.system()).name()) == CHINESE else ENGLISH


def remembered_language(settings: QSettings | None = None) -> str | None:
    value = (settings if settings is not None else QSettings()).value(SETTINGS_KEY)
    return normalise(str(value)) if value else None


def choose_language(
    requested: str | None = None,
    settings: QSettings | None = None,
    locale: QLocale | None = None,
) -> str:
    """``--lang``, else the remembered choice, else the system's language."""
    return normalise(requested) or remembered_language(settings) or system_language(locale)


def current_language() -> str:
    return _current


def _load_catalogs(lang: str) -> list[QTranslator]:
    """The translators of ``lang``, in the order to install them (the last one is asked first)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translators: list[QTranslator] = []
    qt = QTranslator()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(lang), QT_CATALOG, "_", qt_folder):
        translators.append(qt)
    else:
        log.warning("Qt's own %s translation was not found in %s", lang, qt_folder)
    app = QTranslator()
    path = resource("translations", f"{APP_CATALOG}_{lang}.qm")
    if app.load(str(path)):
        translators.append(app)
    else:
        log.warning("the %s translation %s could not be loaded", lang, path)
    return translators


def install_language(lang: str) -> str:
    """Make ``lang`` the language of every text shown from now on; returns the language used.

    Replaces the translators of the previous language; Qt then sends every widget a
    ``LanguageChange`` event. English needs no catalog: the sources are English.
    """
    global _current
    lang = normalise(lang) or ENGLISH
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    if lang != ENGLISH:
        for translator in _load_catalogs(lang):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    QLocale.setDefault(QLocale(lang) if lang != ENGLISH else QLocale.system())
    _current = lang
    log.info("language: %s", lang)
    return lang


def switch_language(lang: str, settings: QSettings | None = None) -> str:
    """Install ``lang`` and remember it for the next start."""
    lang = install_language(lang)
    store = settings if settings is not None else QSettings()
    store.setValue(SETTINGS_KEY, lang)
    store.sync()
    return lang


class LanguageBox(QComboBox):
    """The language menu of the window; ``switched`` tells which language was chosen."""

    switched = Signal(str)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageBox")
        self._settings = settings
        for code, name in LANGUAGES.items():
            self.addItem(name, code)
        self.setCurrentIndex(max(0, self.findData(current_language())))
        self.setToolTip(self.tr("Language of the wizard"))
        self.activated.connect(self._chosen)

    def _chosen(self, index: int) -> None:
        lang = str(self.itemData(index))
        if lang != current_language():
            switch_language(lang, self._settings)
            emit(self.switched, lang)


def reopen_wizard(wizard: Any) -> QWidget | None:
    """Open ``wizard`` again so that every text is in the language just installed.

    The pages write their texts once, when they are built, so the window is built again, at
    the first page, in the same place. While a launch runs or a notebook tunnel is open the
    window stays as it is, and the new language applies at the next start.
    """
    from app.core.flow import PageId

    busy = (
        wizard.page_of(PageId.PROGRESS).launch_running()
        or wizard.page_of(PageId.DONE).tunnel_open()
    )
    if busy:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(wizard)
        box.setObjectName("languageLater")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("Language", "Language"))
        box.setText(
            QCoreApplication.translate(
                "Language",
                "The new language is used the next time the wizard starts: a launch or a "
                "notebook connection is open in this window.",
            )
        )
        box.open()
        wizard.language_box_note = box
        return None
    ctx = wizard.ctx
    fresh: QWidget = type(wizard)(
        demo=ctx.demo, settings=ctx.choices.settings, launch_overrides=ctx.launch_overrides
    )
    fresh.setGeometry(wizard.geometry())
    fresh.show()
    _reopened.append(fresh)
    if wizard in _reopened:
        _reopened.remove(wizard)
    ctx.runner.cancel_all()
    wizard.hide()
    _retired.append(wizard)
    return fresh
