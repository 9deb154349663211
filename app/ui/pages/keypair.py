"""Key pair: how you log in to the machine (a new local key, one made by AWS, or your own)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.flow import PageId
from app.core.plan import KeyChoice
from app.core.progress import CancelToken, Progress
from app.core.redact import register_secret
from app.ui.context import WizardContext
from app.ui.pages.base import FlowPage


class KeyPairPage(FlowPage):
    page_id = PageId.KEY_PAIR

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        choice_box = QGroupBox(self.tr("Key"))
        self.new_local = QRadioButton(
            self.tr(
                "Make a new key on this computer (recommended): the private half never leaves it"
            )
        )
        self.aws_created = QRadioButton(self.tr("Let AWS make the key and download it (.pem)"))
        self.existing = QRadioButton(self.tr("Use a key I already have in EC2"))
        group = QButtonGroup(self)
        for button in (self.new_local, self.aws_created, self.existing):
            group.addButton(button)
        choices = QVBoxLayout(choice_box)
        for button in (self.new_local, self.aws_created, self.existing):
            choices.addWidget(button)

        # A new key (local or by AWS): type, where to save, passphrase.
        self.new_box = QGroupBox(self.tr("New key"))
        self.key_type = QComboBox()
        self.key_type.addItem(self.tr("Ed25519 (recommended)"), "ed25519")
        self.key_type.addItem(self.tr("RSA 4096 (for older tools)"), "rsa")
        self.save_path = QLineEdit()
        self.save_path.setReadOnly(True)
        self.save_browse = QPushButton(self.tr("Change…"))
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_path, 1)
        save_row.addWidget(self.save_browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("optional"))
        new_form = QFormLayout(self.new_box)
        new_form.addRow(self.tr("Type:"), self.key_type)
        new_form.addRow(self.tr("Save to:"), save_row)
        new_form.addRow(self.tr("Passphrase:"), self.passphrase)

        # An existing key.
        self.existing_box = QGroupBox(self.tr("Your key"))
        self.key_file = QLineEdit()
        self.key_file.setPlaceholderText(self.tr("the .pem or .ppk file"))
        self.key_browse = QPushButton(self.tr("Browse…"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.key_file, 1)
        file_row.addWidget(self.key_browse)
        self.key_name = QLineEdit()
        self.key_name.setPlaceholderText(self.tr("its name in EC2"))
        self.key_passphrase = QLineEdit()
        self.key_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_passphrase.setPlaceholderText(self.tr("only if the file has one"))
        self.verify_button = QPushButton(self.tr("Check"))
        self.fingerprint = QLabel()
        self.fingerprint.setWordWrap(True)
        verify_row = QHBoxLayout()
        verify_row.addWidget(self.verify_button)
        verify_row.addWidget(self.fingerprint, 1)
        existing_form = QFormLayout(self.existing_box)
        existing_form.addRow(self.tr("Private key file:"), file_row)
        existing_form.addRow(self.tr("EC2 key pair:"), self.key_name)
        existing_form.addRow(self.tr("Passphrase:"), self.key_passphrase)
        existing_form.addRow("", verify_row)

        self.ppk_version = QComboBox()
        self.ppk_version.addItem(self.tr("PuTTY 0.75 and newer (.ppk version 3, recommended)"), 3)
        self.ppk_version.addItem(self.tr("Older PuTTY and WinSCP (.ppk version 2)"), 2)
        ppk_form = QFormLayout()
        ppk_form.addRow(self.tr("PuTTY key file for:"), self.ppk_version)

        self.body.addWidget(choice_box)
        self.body.addWidget(self.new_box)
        self.body.addWidget(self.existing_box)
        self.body.addLayout(ppk_form)
        self.body.addStretch(1)

        plan = self.ctx.plan
        {
            KeyChoice.NEW_LOCAL: self.new_local,
            KeyChoice.AWS_CREATED: self.aws_created,
            KeyChoice.EXISTING: self.existing,
        }[plan.key_choice].setChecked(True)
        self.key_type.setCurrentIndex(max(0, self.key_type.findData(plan.key_type)))
        self.ppk_version.setCurrentIndex(max(0, self.ppk_version.findData(plan.ppk_version)))
        self.key_file.setText(self.ctx.choices.existing_key_path)
        for button in (self.new_local, self.aws_created, self.existing):
            button.toggled.connect(self._edited)
        self.key_type.currentIndexChanged.connect(self._edited)
        self.ppk_version.currentIndexChanged.connect(self._edited)
        self.passphrase.textChanged.connect(self._edited)
        self.key_file.textChanged.connect(self._key_file_edited)
        self.key_name.textChanged.connect(self._unverify)
        self.key_passphrase.textChanged.connect(self._unverify)
        self.save_browse.clicked.connect(self._choose_save_path)
        self.key_browse.clicked.connect(self._choose_key_file)
        self.verify_button.clicked.connect(self.verify)
        self._key_file_edited()
        self._edited()

    def explanation(self) -> str:
        return self.tr("The key that lets you, and only you, log in to the machine over SSH.")

    def initializePage(self) -> None:
        self._show_save_path()

    # -- edits -------------------------------------------------------------------------------

    def choice(self) -> KeyChoice:
        if self.existing.isChecked():
            return KeyChoice.EXISTING
        if self.aws_created.isChecked():
            return KeyChoice.AWS_CREATED
        return KeyChoice.NEW_LOCAL

    def _edited(self) -> None:
        plan = self.ctx.plan
        previous = plan.key_choice
        plan.key_choice = self.choice()
        existing = plan.key_choice is KeyChoice.EXISTING
        self.new_box.setVisible(not existing)
        self.existing_box.setVisible(existing)
        # AWS makes RSA or Ed25519 too; a passphrase only protects a key made here.
        self.passphrase.setEnabled(plan.key_choice is KeyChoice.NEW_LOCAL)
        plan.key_type = str(self.key_type.currentData())
        plan.ppk_version = int(self.ppk_version.currentData())
        if existing:
            plan.key_path = self.key_file.text().strip() or None
            plan.existing_key_name = self.key_name.text().strip() or None
            self.ctx.key_passphrase = self.key_passphrase.text() or None
        else:
            if previous is KeyChoice.EXISTING:
                plan.key_path = None
            plan.existing_key_name = None
            self.ctx.key_passphrase = (
                self.passphrase.text() or None if plan.key_choice is KeyChoice.NEW_LOCAL else None
            )
        register_secret(self.ctx.key_passphrase)
        self._show_save_path()
        self.changed()

    def _show_save_path(self) -> None:
        from app.core.paths import keys_dir

        plan = self.ctx.plan
        if plan.key_choice is not KeyChoice.EXISTING and plan.key_path:
            self.save_path.setText(plan.key_path)
        else:
            self.save_path.setText(
                self.tr("{folder} (named after the launch)").format(folder=keys_dir())
            )

    def _choose_save_path(self) -> None:
        from app.core.paths import keys_dir

        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the private key as"), str(keys_dir() / "ec2nb-key")
        )
        if path:
            self.ctx.plan.key_path = path
            self._show_save_path()
            self.changed()

    def _choose_key_file(self) -> None:
        start = self.key_file.text() or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Your private key"),
            start,
            self.tr("Private keys (*.pem *.ppk *.key);;All files (*)"),
        )
        if path:
            self.key_file.setText(path)

    def _key_file_edited(self) -> None:
        path = self.key_file.text().strip()
        if path and not self.key_name.text().strip():
            # EC2 names the download after the key pair: my-key.pem belongs to "my-key".
            self.key_name.setText(Path(path).stem)
        self._unverify()

    def _unverify(self) -> None:
        self.ctx.state.existing_key_verified = False
        self.fingerprint.clear()
        self._edited()

    # -- the check ---------------------------------------------------------------------------

    def verify(self) -> None:
        """Load the key file and check EC2's key pair has the same fingerprint (off the UI)."""
        path, name = self.key_file.text().strip(), self.key_name.text().strip()
        passphrase = self.key_passphrase.text() or None
        session, region = self.ctx.session, self.ctx.plan.region

        def check(progress: Progress, cancel: CancelToken) -> Any:
            from app.core.aws.provisioning import verify_key_pair
            from app.core.keys import load_private_key, sha256_fingerprint

            loaded = load_private_key(Path(path), passphrase)
            verify_key_pair(session, region, name, loaded.key)
            return sha256_fingerprint(loaded.key)

        self.run_task(
            "verify-key",
            check,
            self._verified,
            busy_text=self.tr("Checking that {file} belongs to {name}…").format(
                file=Path(path).name, name=name
            ),
        )

    def _verified(self, fingerprint: str) -> None:
        self.ctx.choices.existing_key_path = self.key_file.text().strip()
        self.ctx.state.existing_key_verified = True
        self.fingerprint.setText(
            self.tr("It matches. Fingerprint {fingerprint}").format(fingerprint=fingerprint)
        )
