"""Network: the security group, who may connect over SSH, and how the browser reaches Jupyter."""

from __future__ import annotations

import ipaddress
import re

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.flow import PageId
from app.core.plan import WIDEST_UNCONFIRMED_PREFIX, Access, GroupChoice
from app.core.progress import CancelToken, Progress
from app.ui.context import WizardContext
from app.ui.pages.base import FlowPage

_GROUP_ID = re.compile(r"^sg-[0-9a-f]{8}([0-9a-f]{9})?$")


class NetworkPage(FlowPage):
    page_id = PageId.NETWORK

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Security group.
        group_box = QGroupBox(self.tr("Security group (the machine's firewall)"))
        self.new_group = QRadioButton(self.tr("Create a new group for this notebook (recommended)"))
        self.existing_group = QRadioButton(self.tr("Use an existing group:"))
        self.group_id = QLineEdit()
        self.group_id.setPlaceholderText("sg-0123456789abcdef0")
        buttons = QButtonGroup(self)
        buttons.addButton(self.new_group)
        buttons.addButton(self.existing_group)
        grid = QGridLayout(group_box)
        grid.addWidget(self.new_group, 0, 0, 1, 2)
        grid.addWidget(self.existing_group, 1, 0)
        grid.addWidget(self.group_id, 1, 1)
        # Who may connect.
        ssh_box = QGroupBox(self.tr("Who may connect over SSH"))
        self.my_ip = QRadioButton(self.tr("Only this computer (recommended)"))
        self.my_ip_label = QLabel()
        self.cidr = QRadioButton(self.tr("These addresses:"))
        self.cidr_edit = QLineEdit()
        self.cidr_edit.setPlaceholderText("203.0.113.0/24")
        buttons = QButtonGroup(self)
        buttons.addButton(self.my_ip)
        buttons.addButton(self.cidr)
        grid = QGridLayout(ssh_box)
        grid.addWidget(self.my_ip, 0, 0)
        grid.addWidget(self.my_ip_label, 0, 1)
        grid.addWidget(self.cidr, 1, 0)
        grid.addWidget(self.cidr_edit, 1, 1)
        # A range wider than /16 lets a good part of the Internet try to log in: asked for.
        self.allow_wide = QCheckBox(
            self.tr("Yes, allow this wide range: anyone in it may try to log in over SSH")
        )
        grid.addWidget(self.allow_wide, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        # How the browser reaches Jupyter.
        access_box = QGroupBox(self.tr("How your browser reaches the notebook"))
        self.tunnel = QRadioButton(
            self.tr("Through an SSH tunnel (recommended): only SSH is open to the Internet")
        )
        self.https = QRadioButton(self.tr("HTTPS on port 8888 from your address (the classic way)"))
        self.https_note = QLabel(
            self.tr(
                "The notebook then uses a self-signed certificate: your browser will warn about "
                "it once, and you accept the warning to continue."
            )
        )
        self.https_note.setWordWrap(True)
        self.https_note.setIndent(24)
        buttons = QButtonGroup(self)
        buttons.addButton(self.tunnel)
        buttons.addButton(self.https)
        access = QVBoxLayout(access_box)
        access.addWidget(self.tunnel)
        access.addWidget(self.https)
        access.addWidget(self.https_note)
        self.body.addWidget(group_box)
        self.body.addWidget(ssh_box)
        self.body.addWidget(access_box)
        self.body.addStretch(1)

        plan = self.ctx.plan
        (
            self.existing_group if plan.group_choice is GroupChoice.EXISTING else self.new_group
        ).setChecked(True)
        self.group_id.setText(plan.existing_group_id or "")
        (self.cidr if plan.ssh_cidr else self.my_ip).setChecked(True)
        self.cidr_edit.setText(plan.ssh_cidr or "")
        self.allow_wide.setChecked(plan.allow_wide_cidr)
        (self.https if plan.access is Access.HTTPS else self.tunnel).setChecked(True)
        for widget in (self.new_group, self.my_ip, self.tunnel, self.allow_wide):
            widget.toggled.connect(self._edited)
        for edit in (self.group_id, self.cidr_edit):
            edit.textChanged.connect(self._edited)
        self._ip_looked_up = False
        self._edited()

    def explanation(self) -> str:
        return self.tr(
            "Who can reach the machine. The recommended choices open nothing but SSH, and only to"
            " you."
        )

    def initializePage(self) -> None:
        if not self._ip_looked_up:
            self.look_up_ip()

    def look_up_ip(self) -> None:
        """Find this computer's public address off the UI thread (for the label only)."""
        self.my_ip_label.setText(self.tr("looking up your address…"))

        def look_up(progress: Progress, cancel: CancelToken) -> str:
            from app.core.launch import LaunchOverrides

            pinned = LaunchOverrides.from_env().public_ip
            if pinned:
                return pinned
            from app.core.aws.provisioning import public_ipv4

            return public_ipv4()

        def failed(_error: object) -> None:
            self.my_ip_label.setText(self.tr("unknown for now; it is looked up again at launch"))

        self.run_task(
            "my-ip",
            look_up,
            self._show_ip,
            on_failed=failed,
            busy_text=self.tr("Looking up your public IP address…"),
            blocks_next=False,
        )

    def _show_ip(self, address: str) -> None:
        from app.core.aws.network import proxy_for_checkip
        from app.core.launch import LaunchOverrides

        self._ip_looked_up = True
        text = self.tr("your address is {address}").format(address=address)
        proxy = None if LaunchOverrides.from_env().public_ip else proxy_for_checkip()
        if proxy:  # the check-ip service saw the proxy, which may not be where SSH comes from
            text += " " + self.tr(
                "(an HTTPS proxy is set ({variable}): this may be the proxy's address; if SSH "
                "cannot connect, allow your own range below)"
            ).format(variable=proxy)
        self.my_ip_label.setText(text)

    def _edited(self) -> None:
        plan = self.ctx.plan
        existing = self.existing_group.isChecked()
        self.group_id.setEnabled(existing)
        plan.group_choice = GroupChoice.EXISTING if existing else GroupChoice.NEW
        plan.existing_group_id = self.group_id.text().strip() or None if existing else None
        custom = self.cidr.isChecked()
        self.cidr_edit.setEnabled(custom)
        plan.ssh_cidr = normalise_cidr(self.cidr_edit.text()) if custom else None
        if custom and plan.ssh_cidr is None:
            plan.ssh_cidr = self.cidr_edit.text().strip() or ""
        wide = custom and _is_wide(plan.ssh_cidr)
        self.allow_wide.setVisible(wide)
        plan.allow_wide_cidr = wide and self.allow_wide.isChecked()
        plan.access = Access.TUNNEL if self.tunnel.isChecked() else Access.HTTPS
        self.https_note.setVisible(plan.access is Access.HTTPS)
        self.changed()

    def missing(self) -> list[str]:
        needs = super().missing()
        plan = self.ctx.plan
        group = plan.existing_group_id
        if plan.group_choice is GroupChoice.EXISTING and group and not _GROUP_ID.fullmatch(group):
            needs.append(self.tr("A security group id looks like sg-0123456789abcdef0."))
        if self.cidr.isChecked() and not plan.ssh_cidr:
            needs.append(self.tr("Type the addresses allowed to connect, like 203.0.113.7/32."))
        return needs


def _is_wide(cidr: str | None) -> bool:
    """Whether ``cidr`` is an IPv4 range the user must confirm (wider than /16)."""
    try:
        network = ipaddress.ip_network(cidr or "", strict=False)
    except ValueError:
        return False
    return network.version == 4 and network.prefixlen < WIDEST_UNCONFIRMED_PREFIX


def normalise_cidr(text: str) -> str | None:
    """``203.0.113.7`` -> ``203.0.113.7/32``; ``None`` when it is not an IPv4 address or range."""
    text = text.strip()
    if not text:
        return None
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None
    return str(network) if network.version == 4 else None
