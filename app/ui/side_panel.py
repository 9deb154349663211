"""The left side of the window: where the user is in the flow, and the DEMO banner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import APP_NAME
from app.core.flow import Mode, PageId, steps
from app.ui.icons import logo_icon, state_icon


def page_title(page: PageId) -> str:
    """The short name of a page, as the side panel and the page header show it."""
    translate = QCoreApplication.translate
    titles = {
        PageId.WELCOME: translate("PageTitle", "Welcome"),
        PageId.CREDENTIALS: translate("PageTitle", "AWS account"),
        PageId.IMAGE: translate("PageTitle", "Machine image"),
        PageId.GPU: translate("PageTitle", "GPU type"),
        PageId.STORAGE: translate("PageTitle", "Storage"),
        PageId.NETWORK: translate("PageTitle", "Network"),
        PageId.KEY_PAIR: translate("PageTitle", "Key pair"),
        PageId.REVIEW: translate("PageTitle", "Review and launch"),
        PageId.PROGRESS: translate("PageTitle", "Launching"),
        PageId.DONE: translate("PageTitle", "Notebook ready"),
        PageId.INSTANCES: translate("PageTitle", "My instances"),
    }
    return titles[page]


class StepPanel(QFrame):
    """Lists the steps of the current mode; ticks the ones behind, marks the current one.

    Shown at the first paint, so it touches no ``Qt.*`` enum (creating that namespace's types
    costs 10-50 ms of start-up): a QFrame paints its style sheet's background without
    ``WA_StyledBackground``, and the banner is centred by its style sheet."""

    def __init__(self, *, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepPanel")
        self.setFixedWidth(190)
        self.setStyleSheet("#stepPanel { background: #f3f5f8; border-right: 1px solid #dde1e6; }")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.setSpacing(6)
        heading = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(logo_icon(32).pixmap(32, 32))
        name = QLabel(APP_NAME)
        name.setWordWrap(True)
        name_font = QFont(name.font())
        name_font.setBold(True)
        name_font.setPointSizeF(name_font.pointSizeF() * 1.1)
        name.setFont(name_font)
        heading.addWidget(logo)
        heading.addWidget(name, 1)
        self._layout.addLayout(heading)
        self._layout.addSpacing(8)
        self.demo_banner = QLabel(self.tr("DEMO\nNothing real is launched or billed."))
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet(
            "#demoBanner { background: #ff8f00; color: black; font-weight: bold;"
            " padding: 6px; border-radius: 4px; qproperty-alignment: AlignCenter; }"
        )
        self.demo_banner.setVisible(demo)
        self._layout.addWidget(self.demo_banner)
        self._rows: list[tuple[PageId, QLabel, QLabel]] = []
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(8)
        self._layout.addLayout(self._rows_box)
        self._layout.addStretch(1)
        self.show_position(Mode.NEW, PageId.WELCOME)

    def show_position(self, mode: Mode, current: PageId) -> None:
        """Redraw the list for ``mode`` with ``current`` highlighted."""
        pages = steps(mode)
        if [row[0] for row in self._rows] != list(pages):
            self._rebuild(pages)
        index = pages.index(current) if current in pages else -1
        for position, (_page, icon, label) in enumerate(self._rows):
            if position < index:
                kind = "done"
            elif position == index:
                kind = "current"
            else:
                kind = "pending"
            icon.setPixmap(state_icon(kind, 14).pixmap(14, 14))
            font = QFont(label.font())
            font.setBold(position == index)
            label.setFont(font)
            label.setEnabled(position <= index)

    def _rebuild(self, pages: tuple[PageId, ...]) -> None:
        while self._rows_box.count():
            item = self._rows_box.takeAt(0)
            layout = item.layout()
            if layout is not None:
                while layout.count():
                    child = layout.takeAt(0).widget()
                    if child is not None:
                        child.deleteLater()
        self._rows = []
        for page in pages:
            icon = QLabel()
            label = QLabel(page_title(page))
            label.setWordWrap(True)
            row = QHBoxLayout()
            row.addWidget(icon)
            row.addWidget(label, 1)
            self._rows_box.addLayout(row)
            self._rows.append((page, icon, label))
