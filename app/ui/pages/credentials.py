"""Credentials: an AWS profile or pasted keys, a region, and a check of who that is."""

from __future__ import annotations

import os
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.core.flow import PageId
from app.core.progress import CancelToken, Progress
from app.core.redact import register_secret
from app.ui.context import WizardContext
from app.ui.pages.base import FlowPage

#: Offered before the account can be asked which regions it has; replaced after the check.
COMMON_REGIONS = (
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-central-1",
    "eu-north-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-south-1",
    "sa-east-1",
)
PASTE = "\x00paste"  # the profile combo's data for "paste access keys"
ENVIRONMENT = "\x00environment"  # credentials from environment variables, no profile
_PROFILE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class CredentialsPage(FlowPage):
    page_id = PageId.CREDENTIALS

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.profile_combo = QComboBox()
        self.profile_combo.setMinimumWidth(280)
        self.region_combo = QComboBox()
        self.region_combo.setMinimumWidth(280)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setToolTip(self.tr("Ask AWS who these credentials belong to."))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.keys_box = QGroupBox(self.tr("Access keys"))
        self.access_key = QLineEdit()
        self.access_key.setPlaceholderText("AKIA…")
        self.secret_key = QLineEdit()
        self.secret_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_secret = QAction(self.tr("Show"), self.secret_key)
        self.show_secret.setCheckable(True)
        self.show_secret.toggled.connect(self._toggle_secret)
        self.secret_key.addAction(self.show_secret, QLineEdit.ActionPosition.TrailingPosition)
        self.show_secret_box = QCheckBox(self.tr("Show the secret key"))
        self.show_secret_box.toggled.connect(self.show_secret.setChecked)
        self.session_token = QLineEdit()
        self.session_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.session_token.setPlaceholderText(self.tr("only for temporary credentials"))
        self.save_profile = QCheckBox(self.tr("Save as a profile named"))
        self.profile_name = QLineEdit("ec2nb")
        self.profile_name.setEnabled(False)
        self.save_profile.toggled.connect(self.profile_name.setEnabled)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_profile)
        save_row.addWidget(self.profile_name, 1)
        keys_form = QFormLayout(self.keys_box)
        keys_form.addRow(self.tr("Access key ID:"), self.access_key)
        keys_form.addRow(self.tr("Secret access key:"), self.secret_key)
        keys_form.addRow("", self.show_secret_box)
        keys_form.addRow(self.tr("Session token:"), self.session_token)
        keys_form.addRow("", save_row)
        keys_note = QLabel(
            self.tr(
                "Keys typed here stay in memory and are forgotten when the app closes, unless you"
                " save them as a profile."
            )
        )
        keys_note.setWordWrap(True)
        keys_form.addRow(keys_note)
        self.keys_box.hide()

        form = QFormLayout()
        form.addRow(self.tr("Profile:"), self.profile_combo)
        form.addRow(self.tr("Region:"), self.region_combo)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.result_label, 1)
        self.body.addLayout(form)
        self.body.addWidget(self.keys_box)
        self.body.addLayout(check_row)
        self.body.addStretch(1)
        self.help = QLabel(
            self.tr(
                "Profiles come from the AWS command line tools' files (~/.aws/config and"
                " ~/.aws/credentials), single sign-on profiles included. To make access keys,"
                " open IAM in the AWS console, choose your user, then Security credentials."
            )
        )
        self.help.setWordWrap(True)
        self.help.setObjectName("credentialsHelp")
        self.help.setStyleSheet("#credentialsHelp { color: #5f6368; }")
        self.body.addWidget(self.help)

        self.check_button.clicked.connect(self.check)
        self.profile_combo.currentIndexChanged.connect(self._profile_changed)
        self.region_combo.currentIndexChanged.connect(self._region_changed)
        for edit in (self.access_key, self.secret_key, self.session_token):
            edit.textChanged.connect(self._keys_edited)
        self._profiles_loaded = False
        self._regions: list[str] = list(COMMON_REGIONS)
        self._fill_regions(self._regions, self.ctx.plan.region)

    def explanation(self) -> str:
        return self.tr("Choose the AWS account to use and the region where the machine will run.")

    # -- loading -----------------------------------------------------------------------------

    def initializePage(self) -> None:
        if not self._profiles_loaded:
            self.run_task(
                "profiles",
                _list_profiles,
                self._show_profiles,
                busy_text=self.tr("Reading your AWS profiles…"),
                cancellable=False,
            )
        elif self.ctx.state.account is None and self._can_check_without_typing():
            self.check()

    def _show_profiles(self, profiles: list[Any]) -> None:
        self._profiles_loaded = True
        remembered = self.ctx.choices.profile
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        names = [p.name for p in profiles]
        for profile in profiles:
            label = profile.name
            if getattr(profile, "kind", "") == "sso":
                label = self.tr("{name} (single sign-on)").format(name=profile.name)
            self.profile_combo.addItem(label, profile.name)
        if not profiles and os.environ.get("AWS_ACCESS_KEY_ID"):
            self.profile_combo.addItem(self.tr("Keys from environment variables"), ENVIRONMENT)
        self.profile_combo.addItem(self.tr("Paste access keys…"), PASTE)
        preferred = remembered if remembered in names else ("default" if "default" in names else "")
        index = self.profile_combo.findData(preferred) if preferred else 0
        self.profile_combo.setCurrentIndex(max(index, 0))
        self.profile_combo.blockSignals(False)
        self.keys_box.setVisible(self._pasting())
        by_name = {p.name: p for p in profiles}
        chosen = by_name.get(self.profile_combo.currentData())
        if chosen is not None and chosen.region and not self.ctx.choices.region:
            self._fill_regions(self._regions, chosen.region)
        if self._can_check_without_typing():
            self.check()

    def _fill_regions(self, regions: list[str], selected: str) -> None:
        self.region_combo.blockSignals(True)
        self.region_combo.clear()
        names = list(regions) if selected in regions else [*regions, selected]
        for name in names:
            self.region_combo.addItem(name, name)
        self.region_combo.setCurrentIndex(max(0, self.region_combo.findData(selected)))
        self.region_combo.blockSignals(False)
        self.ctx.plan.region = str(self.region_combo.currentData())

    # -- user changes ------------------------------------------------------------------------

    def _pasting(self) -> bool:
        return self.profile_combo.currentData() == PASTE

    def _can_check_without_typing(self) -> bool:
        return self.profile_combo.count() > 0 and not self._pasting()

    def _profile_changed(self) -> None:
        self.keys_box.setVisible(self._pasting())
        self._forget()
        if self._pasting():
            self.access_key.setFocus()
        elif self._profiles_loaded and self.isVisible():
            self.check()

    def _region_changed(self) -> None:
        self.ctx.plan.region = str(self.region_combo.currentData())
        self._forget()
        if self._profiles_loaded and self._can_check_without_typing() and self.isVisible():
            self.check()

    def _keys_edited(self) -> None:
        self._forget()

    def _toggle_secret(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.secret_key.setEchoMode(mode)
        self.show_secret.setText(self.tr("Hide") if shown else self.tr("Show"))
        self.show_secret_box.setChecked(shown)

    def _forget(self) -> None:
        # A check still under way is about credentials the user has just left: its answer must
        # not land (it would open Next for keys no longer chosen).
        running = self._tasks.get("check")
        if running is not None and not running.done:
            running.cancel()
            self._end("check")
        self.ctx.forget_identity()
        self.result_label.clear()
        self.error_panel.clear()
        self.changed()

    # -- the check ---------------------------------------------------------------------------

    def credentials(self) -> Any:
        """The Credentials the current choice stands for (secrets stay in memory)."""
        from app.core.aws.session import Credentials

        data = self.profile_combo.currentData()
        if data == PASTE:
            secret = self.secret_key.text().strip()
            token = self.session_token.text().strip() or None
            register_secret(secret)
            register_secret(token)
            return Credentials(
                access_key_id=self.access_key.text().strip(),
                secret_access_key=secret,
                session_token=token,
            )
        return Credentials(profile=None if data in (ENVIRONMENT, None) else str(data))

    def check(self) -> None:
        """Ask STS who the credentials are, off the UI thread; Next opens on success."""
        if self._pasting():
            problem = self._pasted_keys_problem()
            if problem:
                from app.core.errors import WizardError

                self.error_panel.show_error(WizardError(problem, code="bad-credentials"))
                return
        creds = self.credentials()
        region = self.ctx.plan.region
        save_as = (
            self.profile_name.text().strip()
            if self._pasting() and self.save_profile.isChecked()
            else ""
        )
        self.ctx.forget_identity()
        self.result_label.clear()

        def check(progress: Progress, cancel: CancelToken) -> tuple[Any, Any, Any, list[Any]]:
            from app.core.aws.identity import check_identity
            from app.core.aws.profiles import save_profile
            from app.core.aws.regions import list_regions
            from app.core.aws.session import make_session

            session = make_session(creds, region)
            identity = check_identity(session)
            cancel.raise_if_cancelled()
            if save_as:
                save_profile(save_as, creds, region)
            try:
                regions = list_regions(session)
            except Exception:  # the region list is a convenience; the check itself passed
                regions = []
            return creds, session, identity, regions

        self.run_task(
            "check", check, self._checked, busy_text=self.tr("Checking your credentials with AWS…")
        )

    def _pasted_keys_problem(self) -> str:
        if not re.fullmatch(r"(AKIA|ASIA)[A-Z0-9]{12,124}", self.access_key.text().strip()):
            return self.tr(
                "The access key ID starts with AKIA or ASIA, followed by capital letters and "
                "digits."
            )
        if len(self.secret_key.text().strip()) < 20:
            return self.tr("Paste the secret access key that belongs to this access key ID.")
        if self.save_profile.isChecked() and not _PROFILE_NAME.fullmatch(
            self.profile_name.text().strip()
        ):
            return self.tr(
                "A profile name uses letters, digits, dots, dashes and underscores only."
            )
        return ""

    def _checked(self, result: tuple[Any, Any, Any, list[Any]]) -> None:
        creds, session, identity, regions = result
        self.ctx.credentials = creds
        self.ctx.session = session
        self.ctx.identity = identity
        self.ctx.state.account = identity.account
        self.ctx.plan.profile = creds.profile
        if creds.profile:
            self.ctx.choices.profile = creds.profile
        self.ctx.choices.region = self.ctx.plan.region
        self.result_label.setText(
            self.tr("Account {account}\n{arn}").format(account=identity.account, arn=identity.arn)
        )
        names = [r.name for r in regions if getattr(r, "opted_in", True)]
        if names:
            self._regions = sorted(names)
            self._fill_regions(self._regions, self.ctx.plan.region)


def _list_profiles(progress: Progress, cancel: CancelToken) -> list[Any]:
    from app.core.aws.profiles import list_profiles

    return list(list_profiles())
