"""The review page's spending alert: an AWS Budgets monthly limit with email alerts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.core.aws.budgets import PRICING_URL
from app.core.plan import LaunchPlan
from app.ui.qt_fixes import emit

DEFAULT_LIMIT_USD = 100.0


class BudgetBox(QGroupBox):
    """Off by default; when on, the plan carries ``budget_usd`` and ``budget_email``."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Spending alert (AWS Budgets)"), parent)
        self.enabled = QCheckBox(self.tr("Email me when this month's AWS spend passes"))
        self.limit = QDoubleSpinBox()
        self.limit.setRange(1, 1_000_000)
        self.limit.setDecimals(0)
        self.limit.setPrefix("$")
        self.limit.setValue(DEFAULT_LIMIT_USD)
        row = QHBoxLayout()
        row.addWidget(self.enabled)
        row.addWidget(self.limit)
        row.addStretch(1)
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("name@example.com"))
        self.note = QLabel(
            self.tr(
                "AWS emails you at 80 % and 100 % of this monthly limit of actual spend, for the "
                "whole account. The first two budgets of an account are free; each further one "
                'costs $0.02 a day (<a href="{url}">AWS Budgets pricing</a>). The budget stays '
                "when the machine is terminated; change or delete it with 'ec2nb budget'."
            ).format(url=PRICING_URL)
        )
        self.note.setWordWrap(True)
        self.note.setOpenExternalLinks(True)
        form = QFormLayout(self)
        form.addRow(row)
        form.addRow(self.tr("Email address:"), self.email)
        form.addRow(self.note)
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
        emit(self.edited)
