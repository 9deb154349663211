"""The review page's spending alert: an AWS Budgets monthly limit with email alerts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.aws.budget_terms import PRICING_URL
from app.core.plan import LaunchPlan
from app.ui.qt_fixes import emit

DEFAULT_LIMIT_USD = 100.0


class BudgetBox(QWidget):
    """Two lines of the review's options (the page must fit 1024x700): off by default; when
    on, the plan carries ``budget_usd`` and ``budget_email``."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(self.tr("Spending alert: email me when this month's spend passes"))
        self.limit = QDoubleSpinBox()
        self.limit.setRange(1, 1_000_000)
        self.limit.setDecimals(0)
        self.limit.setPrefix("$")
        self.limit.setValue(DEFAULT_LIMIT_USD)
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.email.setAccessibleName(self.tr("Email address for the spending alert"))
        row = QHBoxLayout()
        row.addWidget(self.enabled)
        row.addWidget(self.limit)
        row.addWidget(QLabel(self.tr("at")))
        row.addWidget(self.email, 1)
        self.note = QLabel(
            self.tr(
                "AWS Budgets, for the whole account, at 80 % and 100 % of actual spend: the "
                'first two budgets are free, then $0.02 a day each (<a href="{url}">pricing</a>).'
            ).format(url=PRICING_URL)
        )
        self.note.setToolTip(
            self.tr(
                "The budget stays when the machine is terminated; change or delete it with "
                "'ec2nb budget'."
            )
        )
        self.enabled.setToolTip(self.note.text())
        self.note.setWordWrap(True)
        self.note.setOpenExternalLinks(True)
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.addLayout(row)
        lines.addWidget(self.note)
        self.enabled.toggled.connect(self._changed)
        self.limit.valueChanged.connect(self._changed)
        self.email.textChanged.connect(self._changed)
        self._changed()

    def load(self, plan: LaunchPlan) -> None:
        self.enabled.setChecked(plan.budget_usd is not None)
        if plan.budget_usd is not None:
            self.limit.setValue(plan.budget_usd)
        self.email.setText(plan.budget_email or "")

    def store(self, plan: LaunchPlan) -> None:
        on = self.enabled.isChecked()
        plan.budget_usd = self.limit.value() if on else None
        plan.budget_email = (self.email.text().strip() or None) if on else None

    def _changed(self) -> None:
        on = self.enabled.isChecked()
        self.limit.setEnabled(on)
        self.email.setEnabled(on)
        # What AWS Budgets costs, said when it is chosen: the page must fit 1024x700 with the
        # time limit's note and the permission table too.
        self.note.setVisible(on)
        emit(self.edited)
