"""Starts the Qt application and the wizard window."""

from __future__ import annotations

import logging
import sys
import time

from PySide6.QtWidgets import QApplication, QWidget

from app import APP_NAME, __version__
from app.core.logs import open_log_file
from app.ui.widgets import FirstPaintWatcher

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with the app's name and organisation set for QSettings."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("EC2NotebookWizard")
    app.setApplicationVersion(__version__)
    return app


def run_gui(
    *, demo: bool = False, smoke_test: bool = False, lang: str | None = None, started: float = 0.0
) -> int:
    """Open the wizard and run the event loop; return the process exit code."""
    app = create_application()
    from app.ui.i18n import choose_language, install_language
    from app.ui.wizard import NotebookWizard

    install_language(choose_language(lang))

    # Only the first page is built before the window shows; the others right after it is
    # painted (issue 8: start-up within 1.3x of a bare QWizard).
    wizard = NotebookWizard(demo=demo, defer_pages=True)

    def painted() -> None:
        elapsed_ms = (time.perf_counter() - started) * 1000 if started else 0.0
        if smoke_test:
            print(f"first paint after {elapsed_ms:.0f} ms", flush=True)
        open_log_file()  # ec2nb's start-up deferred it until now; earlier records wait for it
        if smoke_test:
            log.info("smoke test: first paint after %.0f ms", elapsed_ms)
        # Also under --smoke-test, which thereby checks that every page builds.
        wizard.add_remaining_pages()
        wake_for_signals(wizard)
        if smoke_test:
            wizard.close()
            app.exit(0)

    # Before the window shows: a Ctrl+C that comes as soon as it is visible must close it, not
    # raise KeyboardInterrupt inside the first-paint callback (which Qt prints and ignores).
    close_on_interrupt(wizard)
    FirstPaintWatcher(wizard.page(wizard.startId()), painted)
    wizard.show()
    return int(app.exec())


def close_on_interrupt(wizard: QWidget) -> None:
    """Ctrl+C in the terminal closes the window as its close button does (which asks first
    while a machine runs); later ones only say the window is waiting for an answer."""
    import signal
    import threading

    from PySide6.QtCore import QTimer

    if threading.current_thread() is not threading.main_thread():
        return

    def interrupted(_signum: int, _frame: object) -> None:
        from app.core.interrupts import quiet_interrupts

        quiet_interrupts("The window is closing; if it asks something, answer there.")
        # Not inline: Python runs this handler wherever the main thread is, e.g. inside the
        # import of a page that add_remaining_pages() is building, and closing asks for the
        # pages (a circular import, and the window stayed open). The event loop closes it.
        QTimer.singleShot(0, wizard.close)

    signal.signal(signal.SIGINT, interrupted)


def wake_for_signals(wizard: QWidget) -> None:
    """Python runs a signal handler only when the interpreter gets control, which Qt's event
    loop does not give it while idle: a timer wakes it a few times a second (started after the
    first paint, where it costs nothing)."""
    from PySide6.QtCore import QTimer

    wake = QTimer(wizard)
    wake.setInterval(300)
    wake.timeout.connect(lambda: None)
    wake.start()
