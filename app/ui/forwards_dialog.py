"""Forward a port…: servers on the machine (TensorBoard, a dashboard) reached from this computer
through the notebook's tunnel; each active forward with its local address and a Stop button."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import WizardError
from app.core.progress import CancelToken, Progress
from app.core.sentence import Sentence
from app.ui.qt_fixes import emit
from app.ui.sentences import error_text, shown
from app.ui.worker import TaskRunner


class _Notes(QObject):
    """Carries a forward's notes ("nothing listens…") from its connection threads to the UI."""

    said = Signal(object)


class ForwardsDialog(QDialog):
    """The forwards of one tunnel; the Done page keeps one and TensorBoard adds to it."""

    def __init__(self, runner: TaskRunner, tunnel: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forwardsDialog")
        self.setWindowTitle(self.tr("Forward a port"))
        self.setMinimumWidth(480)
        self.runner = runner
        self.tunnel = tunnel
        self.forwards: list[Any] = []  # PortForward, newest last
        self._rows: dict[int, QWidget] = {}  # id(forward) -> its row
        self._notes = _Notes(self)
        self._notes.said.connect(self._say)

        intro = QLabel(
            self.tr(
                "Reach a server running on the machine (TensorBoard, a dashboard, an API) from "
                "this computer's browser, through the notebook's SSH tunnel. Only this computer "
                "can use the forwarded port."
            )
        )
        intro.setWordWrap(True)
        self.remote_port = QSpinBox()
        self.remote_port.setObjectName("remotePort")
        self.remote_port.setRange(1, 65535)
        self.remote_port.setValue(6006)
        self.local_port = QSpinBox()
        self.local_port.setObjectName("localPort")
        self.local_port.setRange(0, 65535)
        self.local_port.setSpecialValueText(self.tr("the same, if free"))
        form = QFormLayout()
        form.addRow(self.tr("Port on the machine:"), self.remote_port)
        form.addRow(self.tr("Port on this computer:"), self.local_port)
        self.forward_button = QPushButton(self.tr("Forward"))
        self.forward_button.setObjectName("forwardButton")
        self.note = QLabel()
        self.note.setObjectName("forwardNote")
        self.note.setWordWrap(True)
        self.empty = QLabel(self.tr("No port is forwarded yet."))
        self.rows = QVBoxLayout()
        self.rows.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.forward_button)
        layout.addLayout(row)
        layout.addWidget(self.note)
        active = QLabel(self.tr("Active forwards:"))
        active.setStyleSheet("font-weight: bold;")
        layout.addWidget(active)
        layout.addLayout(self.rows)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.forward_button.clicked.connect(self._forward_clicked)
        self.busy = False

    # -- forwarding -----------------------------------------------------------------------------

    def progress(self, _step: str, message: Sentence) -> None:
        """A forward's progress callback: safe from any thread."""
        emit(self._notes.said, message)

    def _say(self, message: Sentence) -> None:
        self.note.setText(shown(message))

    def _forward_clicked(self) -> None:
        local = self.local_port.value() or None
        self.forward(self.remote_port.value(), local)

    def find(self, remote_port: int) -> Any:
        """The open forward of ``remote_port``, if any."""
        for forward in self.forwards:
            if forward.remote_port == remote_port and not forward.closed:
                return forward
        return None

    def forward(self, remote_port: int, local_port: int | None = None) -> None:
        """Open a forward off the UI thread (it checks the remote port first), then list it."""
        if self.find(remote_port) is not None:
            self.note.setText(
                self.tr("Port {port} of the machine is forwarded already.").format(port=remote_port)
            )
            return
        tunnel, progress = self.tunnel, self.progress

        def open_it(_progress: Progress, _cancel: CancelToken) -> Any:
            from app.core.remote.forwards import open_forward

            return open_forward(tunnel, remote_port, local_port, progress=progress)

        self.busy = True
        self.forward_button.setEnabled(False)
        self.note.setText(self.tr("Forwarding port {port}…").format(port=remote_port))
        self.runner.start("forward", open_it, on_finished=self._opened, on_failed=self._failed)

    def _opened(self, forward: Any) -> None:
        self.busy = False
        self.forward_button.setEnabled(True)
        self.add(forward)
        info = forward.info()
        if not info.listening:
            from app.core.remote.forwards import nothing_listens

            self.note.setText(shown(nothing_listens(info.remote_port)))
        elif info.moved:
            self.note.setText(
                self.tr("Port {requested} is taken on this computer, so {port} is used.").format(
                    requested=info.requested_port, port=info.local_port
                )
            )
        else:
            self.note.clear()

    def _failed(self, error: WizardError) -> None:
        self.busy = False
        self.forward_button.setEnabled(True)
        self.note.setText(error_text(error))

    def add(self, forward: Any) -> None:
        """List a forward (opened here or by TensorBoard) with its address and a Stop button."""
        if forward in self.forwards:
            return
        self.forwards.append(forward)
        self.empty.hide()
        row = QWidget()
        row.setObjectName("forwardRow")
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(
            self.tr("Port {remote} of the machine: {url}").format(
                remote=forward.remote_port, url=f'<a href="{forward.url}">{forward.url}</a>'
            )
        )
        label.setObjectName("forwardAddress")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        stop = QPushButton(self.tr("Stop"))
        stop.setObjectName("stopForward")
        stop.clicked.connect(lambda: self.stop(forward))
        line.addWidget(label, 1)
        line.addWidget(stop)
        self.rows.addWidget(row)
        self._rows[id(forward)] = row

    def stop(self, forward: Any) -> None:
        """End one forward (the tunnel and the others stay)."""
        forward.close()
        self._drop(forward)

    def _drop(self, forward: Any) -> None:
        row = self._rows.pop(id(forward), None)
        if row is not None:
            row.hide()
            row.deleteLater()
        if forward in self.forwards:
            self.forwards.remove(forward)
        self.empty.setVisible(not self.forwards)

    def tunnel_closed(self) -> None:
        """The tunnel ended (stop, terminate, window closed): its forwards ended with it."""
        for forward in list(self.forwards):
            forward.close()
            self._drop(forward)
        self.forward_button.setEnabled(False)
