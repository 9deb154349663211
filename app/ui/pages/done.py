"""Done: Open Notebook, the GPU the machine reports, the cost so far, and what to do next."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.core.flow import PageId
from app.core.progress import CancelToken, Progress
from app.core.remote.tensorboard import TENSORBOARD_PORT
from app.ui.context import WizardContext
from app.ui.dialogs import terminate_dialog
from app.ui.download_first_dialog import DownloadFirstDialog, offers_download
from app.ui.forwards_dialog import ForwardsDialog
from app.ui.notebook_address import NotebookAddress
from app.ui.pages.base import FlowPage
from app.ui.reminders import Notify, tray_notifier
from app.ui.sentences import shown
from app.ui.transfer_dialog import TransferDialog, download, upload


class DonePage(FlowPage):
    page_id = PageId.DONE

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setFinalPage(True)
        self.open_button = QPushButton(self.tr("Open Notebook"))
        self.open_button.setObjectName("openNotebook")
        font = QFont(self.open_button.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.open_button.setFont(font)
        self.open_button.setMinimumHeight(64)
        self.open_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.open_button.setStyleSheet(
            "#openNotebook { background: #1565c0; color: white; border-radius: 6px;"
            " padding: 8px 24px; }"
            "#openNotebook:hover { background: #0d47a1; }"
            "#openNotebook:disabled { background: #b0bec5; }"
        )
        self.url_label = QLabel()
        self.url_label.setWordWrap(True)
        self.address = NotebookAddress()
        self.machine = QLabel()
        self.machine.setWordWrap(True)
        self.gpu = QLabel()
        self.gpu.setWordWrap(True)
        self.software = QLabel()
        self.software.setWordWrap(True)
        self.cost = QLabel()
        self.cost.setObjectName("costMeter")
        self.cost.setStyleSheet("#costMeter { font-size: 13pt; }")
        info = QGroupBox(self.tr("Your machine"))
        info_grid = QGridLayout(info)
        info_grid.addWidget(QLabel(self.tr("Machine:")), 0, 0)
        info_grid.addWidget(self.machine, 0, 1)
        info_grid.addWidget(QLabel(self.tr("GPU:")), 1, 0)
        info_grid.addWidget(self.gpu, 1, 1)
        info_grid.addWidget(QLabel(self.tr("Software:")), 2, 0)
        info_grid.addWidget(self.software, 2, 1)
        info_grid.addWidget(QLabel(self.tr("Cost so far:")), 3, 0)
        info_grid.addWidget(self.cost, 3, 1)
        info_grid.setColumnStretch(1, 1)

        self.putty_button = QPushButton(self.tr("Open in PuTTY"))
        self.copy_button = QPushButton(self.tr("Copy SSH command"))
        self.vscode_button = QPushButton(self.tr("Open in VS Code"))
        self.vscode_button.hide()
        tools = QHBoxLayout()
        for button in (self.putty_button, self.copy_button, self.vscode_button):
            tools.addWidget(button)
        tools.addStretch(1)
        self.upload_button = QPushButton(self.tr("Upload files…"))
        self.upload_button.setToolTip(
            self.tr("Copies files to the notebook folder. You can also drop files on this page.")
        )
        self.download_button = QPushButton(self.tr("Download…"))
        self.download_button.setToolTip(
            self.tr("Copies a file or folder of the notebook folder to this computer.")
        )
        self.tensorboard_button = QPushButton(self.tr("TensorBoard"))
        self.tensorboard_button.setToolTip(
            self.tr(
                "Starts TensorBoard on the machine (logs: the notebook folder) and opens it "
                "through the tunnel."
            )
        )
        self.forward_button = QPushButton(self.tr("Forward a port…"))
        self.forward_button.setToolTip(
            self.tr("Reach another server on the machine from this computer, through the tunnel.")
        )
        files = QHBoxLayout()
        for button in (
            self.upload_button,
            self.download_button,
            self.tensorboard_button,
            self.forward_button,
        ):
            files.addWidget(button)
        files.addStretch(1)
        self.forwards: ForwardsDialog | None = None  # made on first use, for this result
        self.tensorboard_port = TENSORBOARD_PORT
        self.download_first: DownloadFirstDialog | None = None
        self.transfer: TransferDialog | None = None  # the latest upload or download
        self.setAcceptDrops(True)
        self.stop_button = QPushButton(self.tr("Stop instance"))
        self.stop_button.setToolTip(
            self.tr(
                "Stops the hourly charge; your files stay on the disk. Start it again from My "
                "instances."
            )
        )
        self.terminate_button = QPushButton(self.tr("Terminate and clean up"))
        self.terminate_button.setToolTip(
            self.tr(
                "Deletes the machine and everything this launch created. Your notebooks on it are"
                " lost."
            )
        )
        ends = QHBoxLayout()
        ends.addWidget(self.stop_button)
        ends.addWidget(self.terminate_button)
        ends.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        # What the launch could not do although it went on (e.g. no idle alarm).
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("launchWarnings")
        self.warnings.setStyleSheet("#launchWarnings { color: #b06000; }")
        self.warnings.hide()
        self.idle_note = QLabel()
        self.idle_note.setWordWrap(True)
        self.idle_note.setObjectName("idleNote")
        self.idle_note.setStyleSheet("#idleNote { color: #5f6368; }")
        self.limit_note = QLabel()  # the hard time limit: when it acts, in local time
        self.limit_note.setWordWrap(True)
        self.limit_note.setObjectName("timeLimit")
        self.limit_note.hide()
        # HTTPS mode: the self-signed certificate's fingerprint, to compare before accepting.
        self.certificate = QLabel()
        self.certificate.setObjectName("certificateFingerprint")
        self.certificate.setWordWrap(True)
        self.certificate.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.certificate.hide()

        # AWS is taking (or may take) this spot machine back: shown above everything else.
        self.spot_banner = QLabel()
        self.spot_banner.setObjectName("spotNotice")
        self.spot_banner.setWordWrap(True)
        self.spot_banner.setStyleSheet(
            "#spotNotice { background: #fdecea; color: #b3261e; border: 1px solid #b3261e;"
            " border-radius: 4px; padding: 8px; font-weight: bold; }"
        )
        self.spot_banner.hide()
        self.spot = SpotNotices(self)
        self.notify: Notify | None = tray_notifier(self)  # a desktop notification

        self.body.addWidget(self.spot_banner)
        self.body.addWidget(self.open_button)
        self.body.addWidget(self.url_label)
        self.body.addWidget(self.address)
        self.body.addWidget(self.certificate)
        self.body.addWidget(info)
        self.body.addLayout(tools)
        self.body.addLayout(files)
        self.body.addLayout(ends)
        self.body.addWidget(self.status)
        self.body.addWidget(self.warnings)
        self.body.addStretch(1)
        self.body.addWidget(self.limit_note)
        self.body.addWidget(self.idle_note)

        self.open_button.clicked.connect(self.open_notebook)
        self.address.copy_button.clicked.connect(self._address_copied)
        self.copy_button.clicked.connect(self.copy_ssh_command)
        self.putty_button.clicked.connect(self.open_putty)
        self.vscode_button.clicked.connect(self.open_vscode)
        self.stop_button.clicked.connect(self.stop_instance)
        self.terminate_button.clicked.connect(self.ask_terminate)
        self.upload_button.clicked.connect(lambda: self.upload_files())
        self.download_button.clicked.connect(lambda: self.download_files())
        self.tensorboard_button.clicked.connect(self.open_tensorboard)
        self.forward_button.clicked.connect(self.show_forwards)
        self._meter = QTimer(self)
        self._meter.setInterval(1000)
        self._meter.timeout.connect(self._show_cost)
        self.ended = ""  # "stopped" or "terminated" once the user did either
        self.wrote_ssh_config = False  # "Open in VS Code" added an entry to ~/.ssh/config
        self.putty_path: Any = None
        self.vscode_path: Any = None
        self.browser: str | None = None  # the default browser's name; None: none is set
        self.browser_checked = False

    def explanation(self) -> str:
        return self.tr("Your notebook is running. Open it, or connect to the machine another way.")

    @property
    def result(self) -> Any:
        return self.ctx.launch_result

    def initializePage(self) -> None:
        result = self.result
        if result is None:
            return
        gpu_type = self.ctx.gpu
        self.machine.setText(
            self.tr("{instance} ({type}) in {region}").format(
                instance=result.instance_id,
                type=result.instance_type or self.ctx.plan.instance_type,
                region=result.region,
            )
        )
        notebook = result.notebook
        gpu_name = getattr(notebook, "gpu_name", "") if notebook is not None else ""
        if gpu_name and getattr(notebook, "driver", ""):
            self.gpu.setText(
                self.tr("{gpu}, {memory}, driver {driver} (reported by nvidia-smi)").format(
                    gpu=gpu_name, memory=notebook.gpu_memory, driver=notebook.driver
                )
            )
        elif gpu_name:
            # "no GPU found" is the core's word for a machine without a working GPU.
            self.gpu.setText(self.tr("{gpu} (reported by the machine)").format(gpu=shown(gpu_name)))
        elif gpu_type is not None:
            self.gpu.setText(
                self.tr("{count} x {gpu} (the machine did not report its GPU)").format(
                    count=gpu_type.gpu_count, gpu=f"{gpu_type.gpu_maker} {gpu_type.gpu_model}"
                )
            )
        else:
            self.gpu.setText(self.tr("not reported"))
        framework = getattr(notebook, "framework", "") or ""
        if notebook is None:
            self.software.setText(self.tr("Jupyter was not started"))
        elif framework and framework.lower() != "none":
            self.software.setText(
                self.tr("Jupyter {jupyter}, Python {python}, {framework}").format(
                    jupyter=notebook.jupyter_version,
                    python=notebook.python_version,
                    framework=framework,
                )
            )
        else:
            self.software.setText(
                self.tr("Jupyter {jupyter}, Python {python}").format(
                    jupyter=notebook.jupyter_version, python=notebook.python_version
                )
            )
        warnings = list(getattr(result, "warnings", []) or [])
        self.warnings.setText("\n".join(shown(w) for w in warnings))
        self.warnings.setVisible(bool(warnings))
        can_stop = getattr(result, "can_stop", True)
        # AWS cannot stop a one-time spot instance: offer only Terminate.
        self.stop_button.setVisible(can_stop)
        minutes = self.ctx.plan.idle_stop_minutes
        if not can_stop and minutes:
            # Its OS shutdown terminates it (shutdown behaviour "terminate"): say what is lost.
            self.idle_note.setText(
                self.tr(
                    "A one-time spot instance cannot be stopped, only terminated: after {minutes}"
                    " minutes without notebook activity it terminates itself, and the files on "
                    "its disk are lost. Closing this window asks what to do with it."
                ).format(minutes=minutes)
            )
        elif not can_stop:
            self.idle_note.setText(
                self.tr(
                    "A one-time spot instance cannot be stopped, only terminated: it runs and "
                    "bills until you terminate it. Closing this window asks what to do with it."
                )
            )
        elif minutes:
            self.idle_note.setText(
                self.tr(
                    "The machine stops by itself after {minutes} minutes without notebook "
                    "activity. Closing this window asks what to do with it."
                ).format(minutes=minutes)
            )
        else:
            self.idle_note.setText(
                self.tr(
                    "Idle auto-stop is off: the machine runs and bills until you stop it."
                    " Closing this window asks what to do with it."
                )
            )
        self._show_limit(getattr(result, "limit_stops_at", None), can_stop)
        self.open_button.setEnabled(bool(result.url))
        # Without an SSH command (a demo that stops after provisioning) there is nothing to copy.
        self.copy_button.setEnabled(bool(result.ssh_command))
        self.putty_button.setEnabled(bool(result.putty_command))
        # Extra ports ride the notebook's SSH tunnel: an HTTPS-mode launch has none.
        tunnelled = result.tunnel is not None and result.notebook is not None
        for button in (self.tensorboard_button, self.forward_button):
            button.setEnabled(tunnelled)
        self.address.set_url(result.url or "")
        self.address.setVisible(bool(result.url))
        self._say_how_it_opens()
        self._meter.start()
        self._show_cost()
        self.open_button.setFocus()
        self.find_tools()
        self._show_certificate(result.notebook)
        if result.url:
            self.find_browser()
        self.spot.watch(result)

    def show_spot_notice(self, notice: Any) -> None:
        """AWS's notice: the banner, the tray (when the window went there) and the desktop."""
        text = shown(notice.sentence())
        self.spot_banner.setText(text)
        self.spot_banner.show()
        title = self.tr("Your spot machine")
        tray = getattr(self.wizard(), "tray", None)
        if tray is not None:
            tray.spot_notice(title, text)
        elif self.notify is not None:
            self.notify(title, text)

    def _show_limit(self, stops_at: Any, can_stop: bool) -> None:
        """When the hard time limit acts, in this computer's time."""
        self.limit_note.setVisible(stops_at is not None)
        if stops_at is None:
            return
        when = stops_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if can_stop:
            text = self.tr(
                "Time limit: the machine stops itself at {time} (this computer's time), busy or"
                " not. Ten minutes before, a warning appears in its terminals and the notebook's"
                " log."
            )
        else:
            text = self.tr(
                "Time limit: this one-time spot machine terminates itself at {time} (this"
                " computer's time), busy or not, and the files on its disk are lost unless the"
                " disk is kept. Ten minutes before, a warning appears in its terminals and the"
                " notebook's log."
            )
        self.limit_note.setText(text.format(time=when))

    def _show_certificate(self, notebook: Any) -> None:
        """HTTPS mode: the certificate's fingerprint, read over the verified SSH connection."""
        fingerprint = getattr(notebook, "cert_fingerprint", "") if notebook is not None else ""
        self.certificate.setVisible(bool(fingerprint))
        if not fingerprint:
            return
        self.certificate.setText(
            self.tr(
                "Certificate fingerprint (SHA-256): {fingerprint}\nBefore you accept the "
                "browser's certificate warning, open the certificate it shows (the warning's "
                "details, or the address bar's lock icon) and check that its SHA-256 fingerprint "
                "is exactly this one; if it is not, do not continue."
            ).format(fingerprint=fingerprint)
        )

    def _show_cost(self) -> None:
        if self.ended:
            self._meter.stop()
            return
        seconds = int(time.time() - self.ctx.launch_started) if self.ctx.launch_started else 0
        hours, rest = divmod(seconds, 3600)
        uptime = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
        cost, price = self.ctx.cost_so_far(), self.ctx.hourly_price()
        if cost is None or price is None:
            self.cost.setText(self.tr("running for {uptime}").format(uptime=uptime))
        else:
            self.cost.setText(
                self.tr("${cost:.2f} after {uptime} at ${price:.3f} per hour").format(
                    cost=cost, uptime=uptime, price=price
                )
            )

    # -- opening things ----------------------------------------------------------------------

    def find_tools(self) -> None:
        def find(progress: Progress, cancel: CancelToken) -> tuple[Any, Any]:
            from app.core import local_tools

            return local_tools.find_putty(), local_tools.find_vscode()

        self.run_task("find-tools", find, self._tools_found, busy_text="", blocks_next=False)

    def _say_how_it_opens(self) -> None:
        result = self.result
        if result is None:
            return
        tunnel = result.tunnel is not None
        if self.browser is None and self.browser_checked:
            # Never claim a browser will open when this computer has none set.
            self.url_label.setText(
                self.tr(
                    "No default web browser is set on this computer, so the wizard cannot open "
                    "one. Copy the notebook's address below into a browser."
                )
            )
        elif tunnel:
            self.url_label.setText(
                self.tr("The notebook opens in your browser through a private SSH tunnel.")
            )
        else:
            self.url_label.setText(
                self.tr(
                    "The notebook opens in your browser over HTTPS; accept the certificate "
                    "warning once."
                )
            )

    def find_browser(self) -> None:
        def find(progress: Progress, cancel: CancelToken) -> str | None:
            from app.core.browser import find_browser

            return find_browser()

        self.run_task("find-browser", find, self._browser_found, busy_text="", blocks_next=False)

    def _browser_found(self, browser: str | None) -> None:
        self.browser, self.browser_checked = browser, True
        self._say_how_it_opens()

    def _address_copied(self) -> None:
        self.status.setText(
            self.tr("The notebook's address is on the clipboard: paste it into your browser.")
        )

    def _tools_found(self, found: tuple[Any, Any]) -> None:
        self.putty_path, self.vscode_path = found
        self.vscode_button.setVisible(self.vscode_path is not None)

    def open_notebook(self) -> None:
        """Open the notebook's URL (it carries the token) in the default browser."""
        url = self.result.url if self.result is not None else None
        if not url:
            return

        def open_it(progress: Progress, cancel: CancelToken) -> tuple[str, bool]:
            from app.core import local_tools
            from app.core.browser import find_browser

            # Tried even when none is set: the fallback may still find one installed.
            return find_browser() or "", bool(local_tools.open_url(url))

        def opened(outcome: tuple[str, bool]) -> None:
            browser, ok = outcome
            self.browser, self.browser_checked = browser or None, True
            self._say_how_it_opens()
            if ok:
                self.status.setText(
                    self.tr(
                        "Your browser was asked to open the notebook. If no tab appears, copy "
                        "the address above into it."
                    )
                )
                return
            QGuiApplication.clipboard().setText(url)
            if not browser:
                self.status.setText(
                    self.tr(
                        "No default web browser is set on this computer, so none could be "
                        "opened. The notebook's address is on the clipboard: paste it into a "
                        "browser."
                    )
                )
            else:
                self.status.setText(
                    self.tr(
                        "Your browser ({browser}) could not be opened. The notebook's address "
                        "is on the clipboard: paste it into a browser."
                    ).format(browser=browser)
                )

        self.run_task(
            "open", open_it, opened, busy_text=self.tr("Opening your browser…"), blocks_next=False
        )

    # -- files up and down ---------------------------------------------------------------------

    def _can_transfer(self) -> bool:
        return self.result is not None and not self.ended and self.result.notebook is not None

    def upload_files(self, paths: list[str] | None = None) -> TransferDialog | None:
        """Upload ``paths`` (asked for when None) to the notebook folder, with a progress dialog."""
        if not self._can_transfer():
            return None
        self.transfer = upload(
            self, self.ctx.runner, self.result.launch_id, paths, passphrase=self.ctx.key_passphrase
        )
        return self.transfer

    def download_files(
        self, remote: str | None = None, local: str | None = None
    ) -> TransferDialog | None:
        """Download a file or folder of the notebook folder, with a progress dialog."""
        if not self._can_transfer():
            return None
        self.transfer = download(
            self,
            self.ctx.runner,
            self.result.launch_id,
            remote,
            local,
            passphrase=self.ctx.key_passphrase,
        )
        return self.transfer

    # -- more than Jupyter through the tunnel ---------------------------------------------------

    def forwards_dialog(self) -> ForwardsDialog | None:
        """This result's forwards (the dialog is made on first use); None without a tunnel."""
        tunnel = getattr(self.result, "tunnel", None)
        if tunnel is None or self.ended:
            return None
        if self.forwards is None or self.forwards.tunnel is not tunnel:
            self.forwards = ForwardsDialog(self.ctx.runner, tunnel, self)
        return self.forwards

    def show_forwards(self) -> ForwardsDialog | None:
        dialog = self.forwards_dialog()
        if dialog is not None:
            dialog.show()
        return dialog

    def open_tensorboard(self) -> None:
        """Start TensorBoard on the machine if needed, forward it and open the browser at it."""
        dialog, notebook = self.forwards_dialog(), getattr(self.result, "notebook", None)
        if dialog is None or notebook is None:
            return
        tunnel, port, existing = (
            dialog.tunnel,
            self.tensorboard_port,
            dialog.find(self.tensorboard_port),
        )
        logdir = notebook.notebook_dir or "work"

        def start(progress: Progress, cancel: CancelToken) -> tuple[Any, Any, bool]:
            from app.core import local_tools
            from app.core.remote.forwards import open_forward
            from app.core.remote.tensorboard import start_tensorboard

            start_tensorboard(
                tunnel.client(), state_dir=notebook.state_dir, logdir=logdir, port=port
            )
            forward = existing or open_forward(tunnel, port, progress=dialog.progress)
            return forward, forward.info(), local_tools.open_url(forward.url)

        def started(outcome: tuple[Any, Any, bool]) -> None:
            forward, info, opened = outcome
            dialog.add(forward)
            text = (
                self.tr("TensorBoard is open in your browser: {url}")
                if opened
                else self.tr("TensorBoard runs at {url}: open it in your browser.")
            )
            self.status.setText(text.format(url=info.url))

        self.run_task(
            "tensorboard",
            start,
            started,
            busy_text=self.tr("Starting TensorBoard…"),
            blocks_next=False,
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_transfer() and dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.upload_files(paths)

    def copy_ssh_command(self) -> None:
        if self.result is None:
            return
        QGuiApplication.clipboard().setText(self.result.ssh_command)
        self.status.setText(self.tr("The SSH command is on the clipboard."))

    def open_putty(self) -> None:
        if self.result is None:
            return
        if self.putty_path is None:
            box = QMessageBox(self)
            box.setObjectName("puttyMissing")
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(self.tr("PuTTY is not installed"))
            box.setText(self.tr("PuTTY was not found on this computer. Open its download page?"))
            download = box.addButton(
                self.tr("Open download page"), QMessageBox.ButtonRole.AcceptRole
            )
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.finished.connect(
                lambda _code: self._open_download() if box.clickedButton() is download else None
            )
            box.open()
            return
        command, putty = self.result.putty_command, self.putty_path

        def start(progress: Progress, cancel: CancelToken) -> None:
            from app.ui.launcher import start_program

            start_program(putty, command)

        self.run_task(
            "putty", start, lambda _r: None, busy_text=self.tr("Starting PuTTY…"), blocks_next=False
        )

    def _open_download(self) -> None:
        def open_it(progress: Progress, cancel: CancelToken) -> bool:
            from app.core import local_tools

            return bool(local_tools.open_url(local_tools.PUTTY_DOWNLOAD_URL))

        self.run_task(
            "download",
            open_it,
            lambda _ok: None,
            busy_text=self.tr("Opening your browser…"),
            blocks_next=False,
        )

    def open_vscode(self) -> None:
        result, code = self.result, self.vscode_path
        if result is None or code is None:
            return

        def start(progress: Progress, cancel: CancelToken) -> None:
            from app.ui.launcher import open_in_vscode

            open_in_vscode(code, result)

        self.wrote_ssh_config = True
        self.run_task(
            "vscode",
            start,
            lambda _r: None,
            busy_text=self.tr("Starting VS Code…"),
            blocks_next=False,
        )

    # -- stop and terminate ------------------------------------------------------------------

    def stop_instance(self, *, then: Any = None, offered: bool = False) -> None:
        result = self.result
        if result is None or self.ended:
            return
        if not offered and self._offer_download(
            terminate=False, proceed=lambda: self.stop_instance(then=then, offered=True)
        ):
            return
        session = self.ctx.session

        def stop(progress: Progress, cancel: CancelToken) -> None:
            from app.core.aws.fleet import stop_instance

            close_tunnel(result)
            stop_instance(session, result.region, result.instance_id)

        def stopped(_result: object) -> None:
            self._ended(
                "stopped",
                self.tr(
                    "The machine is stopping. Your files stay on its disk; start it again from My"
                    " instances."
                ),
            )
            if then is not None:
                then()

        self.run_task(
            "stop", stop, stopped, busy_text=self.tr("Stopping the machine…"), blocks_next=False
        )

    def ask_terminate(self) -> None:
        if self.result is None or self.ended == "terminated":
            return
        disk = getattr(self.result, "work_disk", None)
        text = (
            self.tr("Terminate {instance} and remove its security group, key pair and root disk?")
            if disk is not None
            else self.tr(
                "Terminate {instance} and remove its security group, key pair and disk? Notebooks"
                " saved on the machine are lost."
            )
        )
        self.terminate_box = terminate_dialog(
            self,
            title=self.tr("Terminate the machine?"),
            text=text.format(instance=self.result.instance_id),
            button=self.tr("Terminate and clean up"),
            on_terminate=self.terminate,
            work_disk=disk,
            on_delete_everything=lambda: self.terminate(delete_work_disk=True),
        )

    def _offer_download(self, *, terminate: bool, proceed: Any) -> bool:
        """Offer "Download my notebooks first" when the notebooks live on the machine's own
        disk; True when the dialog now decides (it calls ``proceed`` unless the download fails)."""
        result = self.result
        if result is None or result.notebook is None or not offers_download(result):
            return False
        self.download_first = DownloadFirstDialog(
            self.ctx.runner,
            result.launch_id,
            terminate=terminate,
            on_proceed=proceed,
            passphrase=self.ctx.key_passphrase,
            parent=self,
        )
        self.download_first.open()
        return True

    def terminate(self, *, offered: bool = False, delete_work_disk: bool = False) -> None:
        """Terminate and clean up; the work disk is kept unless ``delete_work_disk``.
        ``offered``: "Download my notebooks first" was offered already."""
        result, job = self.result, self.ctx.launch_job
        if result is None or job is None:
            return
        if not offered and self._offer_download(
            terminate=True,
            proceed=lambda: self.terminate(offered=True, delete_work_disk=delete_work_disk),
        ):
            return

        wrote_ssh_config = self.wrote_ssh_config

        def terminate(progress: Progress, cancel: CancelToken) -> Any:
            close_tunnel(result)
            report = job.cleanup(
                progress=progress, cancel=cancel, delete_work_disk=delete_work_disk
            )
            if wrote_ssh_config:
                from app.core.remote.commands import remove_ssh_config_entry

                remove_ssh_config_entry(result.instance_id)  # the machine is gone
            return report

        def done(report: Any) -> None:
            deleted = len(getattr(report, "deleted", []) or [])
            self._ended(
                "terminated",
                self.tr("Terminated and cleaned up: {count} resource(s) removed.").format(
                    count=deleted
                ),
            )

        self.run_task(
            "terminate",
            terminate,
            done,
            busy_text=self.tr("Terminating and cleaning up…"),
            blocks_next=False,
            cancellable=False,
        )

    def _ended(self, how: str, message: str) -> None:
        self.ended = how
        self._meter.stop()
        self.status.setText(message)
        self.open_button.setEnabled(False)
        for button in (
            self.putty_button,
            self.copy_button,
            self.vscode_button,
            self.stop_button,
            self.upload_button,
            self.download_button,
            self.tensorboard_button,
            self.forward_button,
        ):
            button.setEnabled(False)
        if self.forwards is not None:
            self.forwards.tunnel_closed()
        self.terminate_button.setEnabled(how != "terminated")

    def tunnel_open(self) -> bool:
        """Whether closing the window would cut a notebook the user may be using."""
        return self.result is not None and not self.ended and self.result.tunnel is not None


def dropped_files(mime: QMimeData) -> list[str]:
    """The local files and folders of a drag (links to web pages are not files)."""
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class SpotNotices(QObject):
    """Brings the spot watch's notices (heard on its own thread) to the Done page's thread."""

    heard = Signal(object)

    def __init__(self, page: DonePage) -> None:
        super().__init__(page)
        self.watcher: Any = None
        self.watched: Any = None  # the launch result being watched
        self.heard.connect(page.show_spot_notice)

    def watch(self, result: Any) -> None:
        """Watch ``result``'s machine (once; a later launch replaces the watch)."""
        from app.core.remote.spot_watch import watch_launch

        if self.watched is result:
            return
        self.close()
        self.watched = result
        self.watcher = watch_launch(result, self.heard.emit)

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()
        self.watcher = self.watched = None


def close_tunnel(result: Any) -> None:
    tunnel = getattr(result, "tunnel", None)
    if tunnel is not None:
        tunnel.close()
