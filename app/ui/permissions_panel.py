"""The review page's permission check: a button, a verdict and a table of the launch's calls.

The check itself is :func:`app.core.aws.preflight.check_permissions` (it creates nothing); the
review page runs it through the worker bridge and hands the report to :meth:`show_report`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.icons import COLOURS
from app.ui.sentences import shown

_VISIBLE_ROWS = 3  # the table scrolls: the review page must still fit 1024x700
# Problems first: what the user must act on is what the few visible rows show.
_ORDER = {"denied": 0, "failed": 1, "not-checked": 2, "allowed": 3}


class PermissionsPanel(QGroupBox):
    """Shows which calls of the launch this identity may make."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Permissions"), parent)
        self.button = QPushButton(self.tr("Check permissions"))
        self.button.setToolTip(
            self.tr(
                "Try every call of the launch without creating anything (EC2 dry runs) and "
                "list the IAM permissions that are missing."
            )
        )
        self.verdict = QLabel(self.tr("Nothing is created by the check."))
        self.verdict.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Call"), self.tr("How"), self.tr("Result")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        row_height = self.fontMetrics().height() + 6
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setFixedHeight(
            header.sizeHint().height() + _VISIBLE_ROWS * row_height + 2 * self.table.frameWidth()
        )
        self.table.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addWidget(self.verdict, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)

    def clear(self) -> None:
        """Forget an earlier answer (the plan may have changed since)."""
        self.table.setRowCount(0)
        self.table.setVisible(False)
        self.verdict.setText(self.tr("Nothing is created by the check."))

    def how_text(self, how: str) -> str:
        return {
            "dry-run": self.tr("dry run"),
            "read": self.tr("read"),
            "simulated": self.tr("simulated"),
        }.get(how, how)

    def result_text(self, check: Any) -> str:
        if check.status == "allowed":
            text = self.tr("allowed")
        elif check.status == "denied":
            text = self.tr("missing {permission}").format(permission=check.permission)
            if not check.required:
                text = self.tr("{result} (optional)").format(result=text)
        elif check.status == "not-checked":
            text = self.tr("not checked")
        else:
            text = self.tr("failed")
        if check.note:
            text = self.tr("{result}: {note}").format(result=text, note=shown(check.note))
        return text

    def show_report(self, report: Any) -> None:
        """Fill the table with ``report`` (a ``PreflightReport``) and say what it means."""
        checks = sorted(report.checks, key=lambda c: _ORDER.get(c.status, 2))
        self.table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            cells = (check.call, self.how_text(check.how), self.result_text(check))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if check.status == "denied" or (check.status == "failed" and check.required):
                    item.setForeground(QBrush(QColor(COLOURS["failed"])))
                self.table.setItem(row, column, item)
        self.table.setVisible(True)
        self.table.scrollToTop()
        if report.ok and not report.missing:
            self.verdict.setText(self.tr("Every call this launch makes is allowed."))
        elif report.ok:
            self.verdict.setText(
                self.tr("The launch can go ahead; without {missing} it does less.").format(
                    missing=", ".join(report.missing)
                )
            )
        else:
            self.verdict.setText(
                self.tr(
                    "The launch would fail. Ask your AWS administrator to allow: {missing}."
                ).format(missing=", ".join(report.missing) or self.tr("see the table"))
            )
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
