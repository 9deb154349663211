"""The wizard window: pages from credentials to "Open Notebook", and "My instances"."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCommandLinkButton, QPushButton, QWidget, QWizard

from app import APP_NAME
from app.core.flow import Mode, PageId, can_go_back
from app.ui import gc_policy
from app.ui.context import WizardContext
from app.ui.i18n import LanguageBox, reopen_wizard
from app.ui.icons import app_icon
from app.ui.pages.base import PAGE_NUMBERS, FlowPage
from app.ui.pages.welcome import WelcomePage
from app.ui.settings import RememberedChoices
from app.ui.side_panel import StepPanel
from app.ui.worker import TaskRunner


def later_page_classes() -> tuple[type[FlowPage], ...]:
    """Every page after the first, in PageId order.

    Imported here, not at the top, so that the first page is painted before Python reads these
    modules (reading and building them took about 60 ms of the start-up).
    """
    from app.ui.pages.credentials import CredentialsPage
    from app.ui.pages.done import DonePage
    from app.ui.pages.gpu import GpuPage
    from app.ui.pages.image import ImagePage
    from app.ui.pages.instances import InstancesPage
    from app.ui.pages.keypair import KeyPairPage
    from app.ui.pages.network import NetworkPage
    from app.ui.pages.progress import ProgressPage
    from app.ui.pages.review import ReviewPage
    from app.ui.pages.storage import StoragePage

    return (
        CredentialsPage,
        ImagePage,
        GpuPage,
        StoragePage,
        NetworkPage,
        KeyPairPage,
        ReviewPage,
        ProgressPage,
        DonePage,
        InstancesPage,
    )


WINDOW_SIZE = (1024, 700)


#: How often Python lets another thread take the GIL (default 5 ms). The UI thread needs the
#: GIL for every Python slot; with a few busy workers (boto3 builds clients in pure Python)
#: a shorter interval is what keeps it from waiting hundreds of milliseconds for its turn.
GIL_SWITCH_INTERVAL = 0.001


def keep_ui_thread_responsive() -> None:
    if sys.getswitchinterval() > GIL_SWITCH_INTERVAL:
        sys.setswitchinterval(GIL_SWITCH_INTERVAL)


class NotebookWizard(QWizard):
    """The main window. ``settings`` and ``launch_overrides`` let tests keep to themselves.

    ``defer_pages`` builds only the first page now, so that the window appears sooner; the
    others follow in :meth:`add_remaining_pages` (the app calls it after the first paint).
    """

    def __init__(
        self,
        *,
        demo: bool = False,
        settings: QSettings | None = None,
        launch_overrides: Any = None,
        defer_pages: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        keep_ui_thread_responsive()
        self.ctx = WizardContext(
            runner=TaskRunner(self),
            choices=RememberedChoices(settings),
            demo=demo,
            launch_overrides=launch_overrides,
        )
        self.ctx.choices.apply_to(self.ctx.plan)
        title = self.tr("{app} \u2014 DEMO").format(app=APP_NAME) if demo else APP_NAME
        self.setWindowTitle(title)
        if not defer_pages:
            self.setWindowIcon(app_icon())  # a deferred window gets it after its first paint
        if sys.platform == "win32":
            self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        # One setOptions call: the first setOption call costs ~4 ms of shiboken's time.
        self.setOptions(
            self.options()
            | QWizard.WizardOption.NoBackButtonOnStartPage
            | QWizard.WizardOption.NoCancelButtonOnLastPage
        )
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))
        self.side_panel = StepPanel(demo=demo)
        self.language_box = LanguageBox(self.ctx.choices.settings)
        self.language_box.switched.connect(lambda _lang: reopen_wizard(self))
        self.side_panel.layout().addWidget(self.language_box)
        self.setSideWidget(self.side_panel)
        self._pages: dict[PageId, FlowPage] = {}
        self._add_page(WelcomePage(self.ctx))
        if not defer_pages:
            self._add_later_pages()
        self.setStartId(PAGE_NUMBERS[PageId.WELCOME])
        self.resize(*WINDOW_SIZE)
        self.setMinimumSize(800, 560)
        self.currentIdChanged.connect(self._page_changed)
        self._page_changed(self.currentId())
        if not defer_pages:
            gc_policy.install()  # a deferred window does it after its first paint

    def add_remaining_pages(self) -> None:
        """Build every page after the first, if the window deferred them (later calls do
        nothing). The app calls this right after the first paint; navigation and
        :meth:`page_of` call it too, so nothing depends on that having happened yet."""
        if len(self._pages) == 1:
            self.setWindowIcon(app_icon())  # every size: read after the first paint
            self._add_later_pages()
            gc_policy.install()  # and freeze every page's objects

    def _add_later_pages(self) -> None:
        for page_class in later_page_classes():
            self._add_page(page_class(self.ctx))

    def _add_page(self, page: FlowPage) -> None:
        self._pages[page.page_id] = page
        self.setPage(PAGE_NUMBERS[page.page_id], page)
        self._enter_means_next(page)

    def _enter_means_next(self, page: FlowPage) -> None:
        """Enter presses Next (or Launch, Close) on every page, whichever field has the focus;
        only the first page's two choices and "Open Notebook" answer Enter themselves."""
        own = getattr(page, "open_button", None) if page.page_id is PageId.DONE else None
        for button in page.findChildren(QPushButton):
            if not isinstance(button, QCommandLinkButton) and button is not own:
                button.setAutoDefault(False)

    @property
    def pages(self) -> dict[PageId, FlowPage]:
        """Every page by id (built now if the window deferred them)."""
        self.add_remaining_pages()
        return self._pages

    def validateCurrentPage(self) -> bool:
        # Next, Enter and the first page's choices all come through here before QWizard looks
        # up the following page, which must exist by then.
        self.add_remaining_pages()
        return super().validateCurrentPage()

    def page_of(self, page_id: PageId) -> Any:
        page = self._pages.get(page_id)
        return page if page is not None else self.pages[page_id]

    def current_page_id(self) -> PageId | None:
        page = self.currentPage()
        return page.page_id if isinstance(page, FlowPage) else None

    def _page_changed(self, _number: int) -> None:
        page_id = self.current_page_id() or PageId.WELCOME
        mode = self.ctx.state.mode
        self.side_panel.show_position(mode if page_id is not PageId.WELCOME else Mode.NEW, page_id)
        # No way back once a launch is under way; the buttons say so by not being there.
        layout = [QWizard.WizardButton.Stretch]
        if can_go_back(page_id) and page_id is not PageId.WELCOME:
            layout.append(QWizard.WizardButton.BackButton)
        layout += [
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ]
        self.setButtonLayout(layout)

    # -- closing -----------------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Closing (Cancel, Close, Esc, the window's X): never strand a launch or a tunnel."""
        from app.ui.closing import confirm_close

        if confirm_close(self, lambda: QWizard.done(self, result)):
            self.ctx.runner.cancel_all()
            super().done(result)
